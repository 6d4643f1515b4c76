package seq_test

import (
	"context"
	"fmt"
	"iter"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

// concCounted is 0, 1, … total-1 counting in produced each element before
// it is yielded.
func concCounted(total int, produced *atomic.Int64) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for i := 0; i < total; i++ {
			produced.Add(1)
			if !yield(i, nil) {
				return
			}
		}
	}
}

// concBarrier lets its callers go once n of them have arrived.
type concBarrier struct {
	n       int64
	arrived atomic.Int64
	all     chan struct{}
}

func newConcBarrier(n int) *concBarrier {
	return &concBarrier{n: int64(n), all: make(chan struct{})}
}

func (b *concBarrier) wait() {
	if b.arrived.Add(1) == b.n {
		close(b.all)
	}
	<-b.all
}

// TestMapConcurrentBound checks that MapConcurrent and
// MapConcurrentUnordered run n calls of f at once when they can (the first
// n calls wait for each other), never more, and never hold more than n
// elements taken from s and not yet handed over.
func TestMapConcurrentBound(t *testing.T) {
	maps := []struct {
		name string
		op   func(context.Context, iter.Seq2[int, error], int, func(context.Context, int) (int, error)) iter.Seq2[int, error]
	}{
		{"MapConcurrent", seq.MapConcurrent[int, int]},
		{"MapConcurrentUnordered", seq.MapConcurrentUnordered[int, int]},
	}
	for _, m := range maps {
		for _, n := range []int{1, 3, 8, 32} {
			t.Run(fmt.Sprintf("%s/n=%d", m.name, n), func(t *testing.T) {
				const total = 500
				var produced atomic.Int64
				g := &concGauge{}
				first := newConcBarrier(n)
				f := func(_ context.Context, v int) (int, error) {
					g.enter()
					defer g.leave()
					if v < n {
						first.wait()
					} else if v%7 == 0 {
						runtime.Gosched()
					}
					return v, nil
				}
				received := 0
				for _, err := range m.op(context.Background(), concCounted(total, &produced), n, f) {
					if err != nil {
						t.Fatalf("%s: unexpected error %v", m.name, err)
					}
					received++
					held := int64(n)
					if m.name == "MapConcurrentUnordered" {
						held = max(held, 64) // its documented window
					}
					if p := produced.Load(); p-int64(received) > held {
						t.Fatalf("%s(n=%d): %d elements produced, %d handed over: more than %d held", m.name, n, p, received, held)
					}
					if received%5 == 0 {
						runtime.Gosched() // give the workers a chance to run ahead
					}
				}
				if received != total {
					t.Errorf("%s(n=%d) handed over %d elements, want %d", m.name, n, received, total)
				}
				if max := g.max.Load(); max != int64(n) {
					t.Errorf("%s(n=%d): at most %d calls of f at once, want exactly n", m.name, n, max)
				}
			})
		}
	}
}

// TestLookAheadBound checks how far Buffer, Batch and Merge let their
// sources run ahead of a consumer that waits: exactly as far as documented.
func TestLookAheadBound(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		ahead int
		op    func(iter.Seq2[int, error]) iter.Seq2[int, error]
	}{
		{"Buffer/1", 1, func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.Buffer(ctx, s, 1) }},
		{"Buffer/5", 5, func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.Buffer(ctx, s, 5) }},
		{"Merge", 16, func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.Merge(ctx, s) }},
		{"Batch/3", 3, func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return concFlatten(seq.Batch(ctx, s, 3, time.Hour))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const total = 300
			var produced atomic.Int64
			received := int64(0)
			for range tt.op(concCounted(total, &produced)) {
				received++
				if p := produced.Load(); p-received > int64(tt.ahead)+batchSlack(tt.name) {
					t.Fatalf("%s: %d produced, %d received: more than %d ahead", tt.name, p, received, tt.ahead)
				}
				// Wait until the source has run as far ahead as it may:
				// it must get there, and no further.
				for want := min(received+int64(tt.ahead), total); produced.Load() < want; {
					runtime.Gosched()
				}
			}
			if received != total {
				t.Errorf("%s: received %d elements, want %d", tt.name, received, total)
			}
		})
	}
}

// batchSlack is how many values of a batch the flattened stream holds
// beyond what the consumer has seen: the rest of the batch being read.
func batchSlack(name string) int64 {
	if name == "Batch/3" {
		return 2
	}
	return 0
}

// TestConcurrentStress ranges random pipelines over random inputs with
// random early breaks and compares them with the models.
func TestConcurrentStress(t *testing.T) {
	budget := 100_000 // elements in all
	if testing.Short() {
		budget = 10_000
	}
	rng := rand.New(rand.NewPCG(1, 2))
	ctx := context.Background()
	slowF := func(_ context.Context, v int) (int, error) {
		if v%5 == 0 {
			runtime.Gosched()
		}
		return concF(ctx, v)
	}
	for run := 0; budget > 0; run++ {
		size := rng.IntN(2000)
		budget -= size
		in := make([]concElem, size)
		for i := range in {
			in[i].V = rng.IntN(1000)
			if rng.IntN(20) == 0 {
				in[i] = streamtest.Err[int](streamtest.ErrA)
			}
		}
		n := 1 + rng.IntN(16)
		stop := -1
		if rng.IntN(2) == 0 && size > 0 {
			stop = 1 + rng.IntN(size)
		}
		src := streamtest.NewSource(in).Seq()
		var s iter.Seq2[int, error]
		var want []concElem
		ordered := true
		switch op := rng.IntN(6); op {
		case 0:
			s, want = seq.Buffer(ctx, src, n), in
		case 1:
			s, want, ordered = seq.Merge(ctx, src, src), append(append([]concElem(nil), in...), in...), false
		case 2:
			s, want = seq.MapConcurrent(ctx, src, n, slowF), concModelMap(in)
		case 3:
			s, want, ordered = seq.MapConcurrentUnordered(ctx, src, n, slowF), concModelMap(in), false
		case 4:
			s, want = concFlatten(seq.Batch(ctx, src, n, time.Hour)), in
		case 5:
			s, want = seq.MapConcurrentWindow(ctx, src, n, n+rng.IntN(4*n), slowF), concModelMap(in)
		}
		var got []concElem
		for v, err := range s {
			got = append(got, concElem{V: v, Err: err})
			if len(got) == stop {
				break
			}
		}
		if stop < 0 || stop > len(want) {
			stop = len(want)
		}
		if len(got) != stop {
			t.Fatalf("run %d: got %d elements, want %d", run, len(got), stop)
		}
		if ordered {
			if diff := cmp.Diff(want[:stop], got, concErrorsEqual); diff != "" {
				t.Fatalf("run %d: differs from the model (-want +got):\n%s", run, diff)
			}
		} else if stop == len(want) {
			if diff := cmp.Diff(concSorted(want), concSorted(got), concErrorsEqual); diff != "" {
				t.Fatalf("run %d: differs from the model (-want +got):\n%s", run, diff)
			}
		}
	}
}

// TestConcurrentParallelConsumers ranges one stream from several
// goroutines at once: each range is independent.
func TestConcurrentParallelConsumers(t *testing.T) {
	ctx := context.Background()
	s := seq.MapConcurrent(ctx, seq.Buffer(ctx, concCount(0, 1000), 8), 4, concF)
	want := concModelMap(concValues(1000))
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if diff := cmp.Diff(want, streamtest.Collect(s), concErrorsEqual); diff != "" {
				t.Errorf("parallel range differs from the model (-want +got):\n%s", diff)
			}
		}()
	}
	wg.Wait()
}
