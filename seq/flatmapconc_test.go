package seq_test

import (
	"context"
	"fmt"
	"iter"
	"math/rand/v2"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

// The concurrent flat-maps are checked against FlatMap: the ordered one
// must give its output exactly, the unordered one the same elements with
// each inner stream in its order.

type flatOp struct {
	name    string
	ordered bool
	build   func(ctx context.Context, s iter.Seq2[int, error], n int, f func(context.Context, int) iter.Seq2[int, error]) iter.Seq2[int, error]
}

var flatOps = []flatOp{
	{"FlatMapConcurrent", true, seq.FlatMapConcurrent[int, int]},
	{"FlatMapConcurrentUnordered", false, seq.FlatMapConcurrentUnordered[int, int]},
}

// flatInner is the inner stream of value v in the contract tests: v%4
// values 100v, 100v+1, …, ErrB after the first of them when v%3 == 2, and
// a nil stream when v%7 == 6.
func flatInner(v int) iter.Seq2[int, error] {
	if v%7 == 6 {
		return nil
	}
	return func(yield func(int, error) bool) {
		for k := range v % 4 {
			if !yield(100*v+k, nil) {
				return
			}
			if k == 0 && v%3 == 2 && !yield(0, streamtest.ErrB) {
				return
			}
		}
	}
}

func flatInnerCtx(_ context.Context, v int) iter.Seq2[int, error] { return flatInner(v) }

func TestFlatMapConcurrentContract(t *testing.T) {
	ctx := context.Background()
	for _, o := range flatOps {
		for _, n := range []int{1, 2, 5} {
			for _, c := range streamtest.Cases() {
				t.Run(fmt.Sprintf("%s/n=%d/%s", o.name, n, c.Name), func(t *testing.T) {
					op := func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return o.build(ctx, s, n, flatInnerCtx) }
					var opts []streamtest.Option
					if !o.ordered {
						opts = append(opts, streamtest.Unordered())
					}
					got := streamtest.Check(t, c.Input, op, opts...)
					want := streamtest.Collect(seq.FlatMap(streamtest.NewSource(c.Input).Seq(), flatInner))
					if !o.ordered {
						got, want = concSorted(got), concSorted(want)
					}
					if diff := cmp.Diff(want, got, concErrorsEqual); diff != "" {
						t.Errorf("%s(%v, %d) differs from FlatMap (-want +got):\n%s", o.name, c.Input, n, diff)
					}
				})
			}
		}
	}
}

// TestFlatMapConcurrentNilInner checks that a nil inner stream is the
// error element FlatMap gives, in its place, and that the stream goes on.
func TestFlatMapConcurrentNilInner(t *testing.T) {
	f := func(_ context.Context, v int) iter.Seq2[int, error] {
		if v == 2 {
			return nil
		}
		return seq.Of(v)
	}
	want := streamtest.Collect(seq.FlatMap(seq.Of(1, 2, 3), func(v int) iter.Seq2[int, error] { return f(context.Background(), v) }))
	for _, o := range flatOps {
		got := streamtest.Collect(o.build(context.Background(), seq.Of(1, 2, 3), 2, f))
		if !o.ordered {
			got, want = concSorted(got), concSorted(want)
		}
		if diff := cmp.Diff(want, got, concErrorsEqual); diff != "" {
			t.Errorf("%s with a nil inner stream (-want +got):\n%s", o.name, diff)
		}
		for i := range min(len(got), len(want)) {
			if want[i].Err != nil && got[i].Err != want[i].Err {
				t.Errorf("%s: error element %v, want FlatMap's error value %v", o.name, got[i].Err, want[i].Err)
			}
		}
	}
}

// flatCoded is the inner stream of input position i in the randomized
// tests: sizes[i] values i*1000 + k, with ErrB in place of every fifth and
// a yield of the processor now and then, or a nil stream when sizes[i] < 0.
func flatCoded(sizes []int) func(context.Context, int) iter.Seq2[int, error] {
	return func(_ context.Context, i int) iter.Seq2[int, error] {
		if sizes[i] < 0 {
			return nil
		}
		return func(yield func(int, error) bool) {
			for k := range sizes[i] {
				v, err := i*1000+k, error(nil)
				if (i+k)%5 == 4 {
					v, err = 0, streamtest.ErrB
				}
				if k%3 == i%3 {
					runtime.Gosched()
				}
				if !yield(v, err) {
					return
				}
			}
		}
	}
}

// flatRandomInput returns size elements of s: position i holds the value
// i, or ErrA one time in ten; and the size of each inner stream.
func flatRandomInput(rng *rand.Rand, size, maxInner int) ([]concElem, []int) {
	in := make([]concElem, size)
	sizes := make([]int, size)
	for i := range in {
		in[i].V = i
		sizes[i] = rng.IntN(maxInner+2) - 1
		if rng.IntN(10) == 0 {
			in[i] = streamtest.Err[int](streamtest.ErrA)
		}
	}
	return in, sizes
}

// flatCheckUnordered fails unless got holds the elements of want, with
// the values of each inner stream in their order.
func flatCheckUnordered(t *testing.T, name string, want, got []concElem) {
	t.Helper()
	if diff := cmp.Diff(concSorted(want), concSorted(got), concErrorsEqual); diff != "" {
		t.Fatalf("%s differs from FlatMap up to order (-want +got):\n%s", name, diff)
	}
	last := map[int]int{}
	for _, e := range got {
		if e.Err != nil {
			continue
		}
		i := e.V / 1000
		if k, ok := last[i]; ok && e.V%1000 <= k {
			t.Fatalf("%s: inner stream %d gave %d after %d", name, i, e.V%1000, k)
		}
		last[i] = e.V % 1000
	}
}

// TestFlatMapConcurrentModel compares random flat-maps with FlatMap.
func TestFlatMapConcurrentModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	ctx := context.Background()
	for run := range 300 {
		in, sizes := flatRandomInput(rng, rng.IntN(40), 40)
		n := 1 + rng.IntN(8)
		f := flatCoded(sizes)
		want := streamtest.Collect(seq.FlatMap(streamtest.NewSource(in).Seq(), func(v int) iter.Seq2[int, error] { return f(ctx, v) }))
		for _, o := range flatOps {
			name := fmt.Sprintf("run %d: %s(n=%d)", run, o.name, n)
			got := streamtest.Collect(o.build(ctx, streamtest.NewSource(in).Seq(), n, f))
			if o.ordered {
				if diff := cmp.Diff(want, got, concErrorsEqual); diff != "" {
					t.Fatalf("%s differs from FlatMap (-want +got):\n%s", name, diff)
				}
				continue
			}
			flatCheckUnordered(t, name, want, got)
		}
	}
}

// TestFlatMapConcurrentStress ranges random flat-maps over 1e5 inner
// elements in all, with random breaks, and compares them with FlatMap.
func TestFlatMapConcurrentStress(t *testing.T) {
	budget := 100_000
	if testing.Short() {
		budget = 10_000
	}
	rng := rand.New(rand.NewPCG(5, 6))
	ctx := context.Background()
	for run := 0; budget > 0; run++ {
		in, sizes := flatRandomInput(rng, rng.IntN(400), 30)
		f := flatCoded(sizes)
		want := streamtest.Collect(seq.FlatMap(streamtest.NewSource(in).Seq(), func(v int) iter.Seq2[int, error] { return f(ctx, v) }))
		budget -= len(want)
		n := 1 + rng.IntN(16)
		stop := -1
		if rng.IntN(2) == 0 && len(want) > 0 {
			stop = 1 + rng.IntN(len(want))
		}
		o := flatOps[run%2]
		src := streamtest.NewSource(in)
		var got []concElem
		for v, err := range o.build(ctx, src.Seq(), n, f) {
			got = append(got, concElem{V: v, Err: err})
			if len(got) == stop {
				break
			}
		}
		if starts, cleanups, _ := src.Stats(); starts != 1 || cleanups != 1 {
			t.Fatalf("run %d: source started %d times, cleaned up %d times", run, starts, cleanups)
		}
		if stop < 0 {
			stop = len(want)
		}
		name := fmt.Sprintf("run %d: %s(n=%d) with a break after %d", run, o.name, n, stop)
		switch {
		case len(got) != stop:
			t.Fatalf("%s: got %d elements", name, len(got))
		case o.ordered:
			if diff := cmp.Diff(want[:stop], got, concErrorsEqual); diff != "" {
				t.Fatalf("%s differs from FlatMap (-want +got):\n%s", name, diff)
			}
		case stop == len(want):
			flatCheckUnordered(t, name, want, got)
		}
	}
	goleak.VerifyNone(t)
}

// TestFlatMapConcurrentBound checks that n inner streams are ranged at
// once when they can be (the first n wait for each other), never more,
// and that no inner stream has more than 16 elements produced and not
// handed over. The ordered form must let the streams behind the head run
// that far ahead.
func TestFlatMapConcurrentBound(t *testing.T) {
	const streams, per, ahead = 30, 40, 16
	for _, o := range flatOps {
		for _, n := range []int{1, 3, 8} {
			t.Run(fmt.Sprintf("%s/n=%d", o.name, n), func(t *testing.T) {
				var produced, handed [streams]atomic.Int64
				g := &concGauge{}
				first := newConcBarrier(min(n, streams))
				f := func(_ context.Context, i int) iter.Seq2[int, error] {
					return func(yield func(int, error) bool) {
						g.enter()
						defer g.leave()
						if i < n {
							first.wait()
						}
						for k := range per {
							produced[i].Add(1)
							if !yield(i*1000+k, nil) {
								return
							}
						}
					}
				}
				received := 0
				for v, err := range o.build(context.Background(), concCount(0, streams), n, f) {
					if err != nil {
						t.Fatalf("%s: unexpected error %v", o.name, err)
					}
					i := v / 1000
					handed[i].Add(1)
					received++
					if o.ordered && received == 1 {
						// Wait until the streams behind the head have run
						// as far ahead as they may: they must get there.
						for j := 1; j < n; j++ {
							for produced[j].Load() < ahead {
								runtime.Gosched()
							}
						}
					}
					for j := range produced {
						if d := produced[j].Load() - handed[j].Load(); d > ahead {
							t.Fatalf("%s(n=%d): inner stream %d has %d elements produced and not handed over, more than %d", o.name, n, j, d, ahead)
						}
					}
					if received%5 == 0 {
						runtime.Gosched()
					}
				}
				if received != streams*per {
					t.Errorf("%s(n=%d) handed over %d elements, want %d", o.name, n, received, streams*per)
				}
				if max := g.max.Load(); max != int64(n) {
					t.Errorf("%s(n=%d): at most %d inner streams ranged at once, want exactly n", o.name, n, max)
				}
			})
		}
	}
}

// TestFlatMapConcurrentHeadFirst checks that the ordered form hands over
// the elements of the head as they come while a later inner stream is
// held: the head finishes although the next stream never does until the
// loop body lets it.
func TestFlatMapConcurrentHeadFirst(t *testing.T) {
	release := make(chan struct{})
	f := func(ctx context.Context, i int) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			if i == 1 {
				<-release
			}
			for k := range 100 {
				if !yield(i*1000+k, nil) {
					return
				}
			}
		}
	}
	var got []int
	for v, err := range seq.FlatMapConcurrent(context.Background(), concCount(0, 2), 2, f) {
		if err != nil {
			t.Fatalf("FlatMapConcurrent: unexpected error %v", err)
		}
		got = append(got, v)
		if len(got) == 100 {
			close(release) // the whole head came while stream 1 was blocked
		}
	}
	if len(got) != 200 || got[99] != 99 || got[100] != 1000 {
		t.Errorf("FlatMapConcurrent gave %d elements, want the 100 of the head then the 100 of stream 1", len(got))
	}
}

// TestFlatMapConcurrentInnerYieldAfterFalse checks that an inner stream
// that ignores the end of the consumer makes the range statement panic,
// not hang.
func TestFlatMapConcurrentInnerYieldAfterFalse(t *testing.T) {
	for _, o := range flatOps {
		f := func(context.Context, int) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				for i := 0; i < 1000; i++ {
					yield(i, nil)
				}
			}
		}
		got, p, _ := concRun(o.build(context.Background(), concCount(0, 3), 2, f), 1, nil)
		if len(got) != 1 {
			t.Errorf("%s: got %d elements before the panic, want 1", o.name, len(got))
		}
		pe, ok := p.(*seq.PanicError)
		want := "seq." + o.name + ": inner stream called yield again after it returned false"
		if !ok || pe.Value != want {
			t.Errorf("%s: panicked with %#v, want a *seq.PanicError of %q", o.name, p, want)
		}
		goleak.VerifyNone(t)
	}
}

// TestFlatMapConcurrentInnerPanicPosition checks that the ordered form
// raises a panic of an inner stream after the elements before it, those
// of earlier streams and its own, and that a *PanicError is passed on as
// it is.
func TestFlatMapConcurrentInnerPanicPosition(t *testing.T) {
	inner := &seq.PanicError{Value: "inner boom"}
	f := func(_ context.Context, i int) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			for k := range 3 {
				if i == 4 && k == 2 {
					panic(inner)
				}
				if !yield(i*10+k, nil) {
					return
				}
			}
		}
	}
	for _, o := range flatOps {
		got, p, _ := concRun(o.build(context.Background(), concCount(0, 10), 3, f), -1, nil)
		if p != inner {
			t.Errorf("%s: panicked with %#v, want the *PanicError of the inner stream as it is", o.name, p)
		}
		if o.ordered {
			var want []concElem
			for v := range 42 {
				if v%10 < 3 {
					want = append(want, concElem{V: v})
				}
			}
			if diff := cmp.Diff(want, got, concErrorsEqual); diff != "" {
				t.Errorf("%s: elements before the panic (-want +got):\n%s", o.name, diff)
			}
		}
		goleak.VerifyNone(t)
	}
}

func TestFlatMapConcurrentCallTimePanics(t *testing.T) {
	ctx := context.Background()
	s := concCount(0, 3)
	var nilCtx context.Context
	var nilS iter.Seq2[int, error]
	var nilF func(context.Context, int) iter.Seq2[int, error]
	for _, o := range flatOps {
		tests := []struct {
			name string
			call func()
			want string
		}{
			{"n=0", func() { o.build(ctx, s, 0, flatInnerCtx) }, "n must be at least 1"},
			{"nil ctx", func() { o.build(nilCtx, s, 1, flatInnerCtx) }, "nil context"},
			{"nil stream", func() { o.build(ctx, nilS, 1, flatInnerCtx) }, "nil stream"},
			{"nil f", func() { o.build(ctx, s, 1, nilF) }, "nil function"},
		}
		for _, tt := range tests {
			t.Run(o.name+"/"+tt.name, func(t *testing.T) {
				want := "seq." + o.name + ": " + tt.want
				if got := concPanicValue(tt.call); got != want {
					t.Errorf("%s panicked with %v, want %q", tt.name, got, want)
				}
			})
		}
	}
}
