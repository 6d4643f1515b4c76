package seq_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

// concCheckKeyOrder checks that the values of got, taken key by key, come
// in the order of the values of in: each key's values in got are the
// first ones of that key in in (all of them if got is complete).
func concCheckKeyOrder(t *testing.T, in, got []concElem, key func(int) int) {
	t.Helper()
	want := map[int][]int{}
	for _, e := range in {
		if e.Err == nil {
			want[key(e.V)] = append(want[key(e.V)], e.V)
		}
	}
	seen := map[int]int{}
	for _, e := range got {
		if e.Err != nil {
			continue
		}
		k := key(e.V)
		i := seen[k]
		if i >= len(want[k]) || want[k][i] != e.V {
			t.Fatalf("value %d is result %d of key %d, want the values of the key in input order %v", e.V, i, k, want[k])
		}
		seen[k]++
	}
}

// concKeyGauge counts the calls of f in progress, in all and per key, and
// records whether two calls of one key ever overlapped.
type concKeyGauge struct {
	concGauge
	mu      sync.Mutex
	running map[int]int
	overlap []int // keys seen with two calls at once
}

func (g *concKeyGauge) enter(k int) {
	g.concGauge.enter()
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.running == nil {
		g.running = map[int]int{}
	}
	g.running[k]++
	if g.running[k] > 1 {
		g.overlap = append(g.overlap, k)
	}
}

func (g *concKeyGauge) leave(k int) {
	g.mu.Lock()
	g.running[k]--
	g.mu.Unlock()
	g.concGauge.leave()
}

// TestMapConcurrentByKeyBound checks the limits of MapConcurrentByKey: n
// calls of f at once when they can (the first n values have keys of their
// own and wait for each other), never more; never two calls of one key at
// once; and max(4n, 64) elements taken and not yet handed over, never more,
// which s reaches while the loop body waits, whether the keys are
// distinct, few or all the same.
func TestMapConcurrentByKeyBound(t *testing.T) {
	keyings := []struct {
		name string
		key  func(v int) int
	}{
		{"distinct", func(v int) int { return v }},
		{"3 keys", func(v int) int { return v % 3 }},
		{"hot key", func(v int) int { return min(v, 100) }}, // every value from 100 on shares a key
	}
	for _, ky := range keyings {
		for _, n := range []int{1, 3, 8, 32} {
			t.Run(fmt.Sprintf("%s/n=%d", ky.name, n), func(t *testing.T) {
				const total = 600
				bound := int64(max(4*n, 64))
				var produced atomic.Int64
				g := &concKeyGauge{}
				first := newConcBarrier(n)
				key := func(v int) int {
					if v < n {
						return -1 - v // the first n values run together
					}
					return ky.key(v)
				}
				f := func(_ context.Context, v int) (int, error) {
					g.enter(key(v))
					defer g.leave(key(v))
					if v < n {
						first.wait()
					} else if v%2 == 0 {
						runtime.Gosched() // lets another call of the key start, if it could
					}
					return v, nil
				}
				var got []concElem
				for v, err := range seq.MapConcurrentByKey(context.Background(), concCounted(total, &produced), n, key, f) {
					got = append(got, concElem{V: v, Err: err})
					received := int64(len(got))
					if p := produced.Load(); p-received > bound {
						t.Fatalf("MapConcurrentByKey(%s, n=%d): %d produced, %d handed over: more than %d held", ky.name, n, p, received, bound)
					}
					for want := min(received+bound, total); produced.Load() < want; {
						runtime.Gosched()
					}
				}
				if len(got) != total {
					t.Fatalf("MapConcurrentByKey(%s, n=%d) handed over %d elements, want %d", ky.name, n, len(got), total)
				}
				concCheckKeyOrder(t, concValues(total), got, key)
				if max := g.max.Load(); max != int64(n) {
					t.Errorf("MapConcurrentByKey(%s, n=%d): at most %d calls of f at once, want exactly n", ky.name, n, max)
				}
				if len(g.overlap) > 0 {
					t.Errorf("MapConcurrentByKey(%s, n=%d): two calls at once for the keys %v", ky.name, n, g.overlap)
				}
			})
		}
	}
}

// TestMapConcurrentByKeyCallsKey checks that key is called once per value,
// in the order of s, never for an error element.
func TestMapConcurrentByKeyCallsKey(t *testing.T) {
	in := []concElem{{V: 1}, streamtest.Err[int](streamtest.ErrA), {V: 2}, {V: 1}, streamtest.Err[int](streamtest.ErrB), {V: 3}}
	var keyed []int // appended to by the feeding goroutine only
	key := func(v int) int {
		keyed = append(keyed, v)
		return v
	}
	got := streamtest.Collect(seq.MapConcurrentByKey(context.Background(), streamtest.NewSource(in).Seq(), 2, key, concF))
	if want := []int{1, 2, 1, 3}; !gocmp.Equal(keyed, want) {
		t.Errorf("MapConcurrentByKey called key with %v, want %v", keyed, want)
	}
	if diff := gocmp.Diff(concSorted(concModelMap(in)), concSorted(got), concErrorsEqual); diff != "" {
		t.Errorf("MapConcurrentByKey(%v) (-want +got):\n%s", in, diff)
	}
}

// TestMapConcurrentByKeyKeyPanics checks that a panic in key comes out as
// a panic in s does: a *seq.PanicError with key's stack, everything
// stopped.
func TestMapConcurrentByKeyKeyPanics(t *testing.T) {
	u, g := &concUp{at: -1}, &concGauge{}
	key := func(v int) int {
		if v == 5 {
			concKeyPanics("key boom")
		}
		return v % 2
	}
	_, p, _ := concRun(seq.MapConcurrentByKey(context.Background(), u.seq(), 4, key, concIdentity(g, -1, false)), -1, nil)
	pe, ok := p.(*seq.PanicError)
	if !ok {
		t.Fatalf("MapConcurrentByKey: key panicked; got %#v, want a *seq.PanicError", p)
	}
	if pe.Value != "key boom" || !concStackHas(pe, "concKeyPanics") {
		t.Errorf("MapConcurrentByKey: PanicError.Value = %#v, stack:\n%s\nwant \"key boom\" and a stack naming concKeyPanics", pe.Value, pe.Stack)
	}
	concAfterRange(t, "MapConcurrentByKey", u, g)
}

func concKeyPanics(v string) { panic(v) }

// TestMapConcurrentByKeyStress ranges MapConcurrentByKey over random
// inputs with random keys, n and early breaks, and checks the order of
// each key and, for full ranges, the results.
func TestMapConcurrentByKeyStress(t *testing.T) {
	budget := 100_000 // elements in all
	if testing.Short() {
		budget = 10_000
	}
	rng := rand.New(rand.NewPCG(3, 4))
	ctx := context.Background()
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
		keys := 1 + rng.IntN(40)
		key := func(v int) int { return v % keys }
		n := 1 + rng.IntN(16)
		stop := -1
		if rng.IntN(2) == 0 && size > 0 {
			stop = 1 + rng.IntN(size)
		}
		g := &concKeyGauge{}
		f := func(ctx context.Context, v int) (int, error) {
			g.enter(key(v))
			defer g.leave(key(v))
			if v%5 == 0 {
				runtime.Gosched()
			}
			return concF(ctx, v)
		}
		var got []concElem
		for v, err := range seq.MapConcurrentByKey(ctx, streamtest.NewSource(in).Seq(), n, key, f) {
			got = append(got, concElem{V: v, Err: err})
			if len(got) == stop {
				break
			}
		}
		if stop < 0 || stop > len(in) {
			stop = len(in)
		}
		if len(got) != stop {
			t.Fatalf("run %d: got %d elements, want %d", run, len(got), stop)
		}
		// f maps v to 10v, or to an error for multiples of 3: check the
		// order of each key on the values f maps.
		var mapped, back []concElem
		for _, e := range in {
			if e.Err == nil && e.V%3 != 0 {
				mapped = append(mapped, e)
			}
		}
		for _, e := range got {
			if e.Err == nil {
				back = append(back, concElem{V: e.V / 10})
			}
		}
		concCheckKeyOrder(t, mapped, back, key)
		if len(g.overlap) > 0 || g.max.Load() > int64(n) {
			t.Fatalf("run %d: %d calls at once (n = %d), two calls at once for the keys %v", run, g.max.Load(), n, g.overlap)
		}
		if stop == len(in) {
			if diff := gocmp.Diff(concSorted(concModelMap(in)), concSorted(got), concErrorsEqual); diff != "" {
				t.Fatalf("run %d: differs from the model (-want +got):\n%s", run, diff)
			}
		}
	}
}

// TestMapConcurrentByKeyNaNKeys checks keys that are not equal to
// themselves: each NaN is a key of its own, and the state of such keys,
// which a map cannot delete, is still forgotten and reused correctly
// beside ordinary keys.
func TestMapConcurrentByKeyNaNKeys(t *testing.T) {
	const total = 5000
	key := func(v int) float64 {
		if v%2 == 1 {
			return math.NaN()
		}
		return float64(v % 10)
	}
	g := &concKeyGauge{}
	f := func(_ context.Context, v int) (int, error) {
		if v%2 == 0 {
			g.enter(v % 10)
			defer g.leave(v % 10)
		}
		if v%3 == 0 {
			runtime.Gosched()
		}
		return v, nil
	}
	got := streamtest.Collect(seq.MapConcurrentByKey(context.Background(), concCount(0, total), 4, key, f))
	if diff := gocmp.Diff(concValues(total), concSorted(got), concErrorsEqual); diff != "" {
		t.Fatalf("MapConcurrentByKey with NaN keys (-want +got):\n%s", diff)
	}
	even := func(v int) int {
		if v%2 == 1 {
			return -v // a key of its own
		}
		return v % 10
	}
	concCheckKeyOrder(t, concValues(total), got, even)
	if len(g.overlap) > 0 {
		t.Errorf("MapConcurrentByKey with NaN keys: two calls at once for the keys %v", g.overlap)
	}
}
