package seq_test

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/itergen/itergen/seq"
)

// Helpers shared by the tests of the concurrent operators.

// concOp is one concurrent operator over ints, for the tests that run the
// same scenario over each of them. Batch is flattened back to values.
type concOp struct {
	name    string
	build   func(ctx context.Context, s iter.Seq2[int, error], f func(context.Context, int) (int, error)) iter.Seq2[int, error]
	usesF   bool
	ordered bool // elements and failures keep their positions
	sync    bool // runs on the consumer's goroutine: panics pass unchanged
}

func concOps() []concOp {
	type fn = func(context.Context, int) (int, error)
	type s2 = iter.Seq2[int, error]
	return []concOp{
		{name: "Buffer", ordered: true, build: func(ctx context.Context, s s2, _ fn) s2 { return seq.Buffer(ctx, s, 4) }},
		{name: "Merge", build: func(ctx context.Context, s s2, _ fn) s2 { return seq.Merge(ctx, s, concCount(0, 0)) }},
		{name: "MapConcurrent", usesF: true, ordered: true, build: func(ctx context.Context, s s2, f fn) s2 {
			return seq.MapConcurrent(ctx, s, 4, f)
		}},
		{name: "MapConcurrentUnordered", usesF: true, build: func(ctx context.Context, s s2, f fn) s2 {
			return seq.MapConcurrentUnordered(ctx, s, 4, f)
		}},
		{name: "MapConcurrentWindow", usesF: true, ordered: true, build: func(ctx context.Context, s s2, f fn) s2 {
			return seq.MapConcurrentWindow(ctx, s, 4, 16, f)
		}},
		{name: "MapConcurrentByKey", usesF: true, build: func(ctx context.Context, s s2, f fn) s2 {
			return seq.MapConcurrentByKey(ctx, s, 4, concKey, f)
		}},
		{name: "FlatMapConcurrent", usesF: true, ordered: true, build: func(ctx context.Context, s s2, f fn) s2 {
			return seq.FlatMapConcurrent(ctx, s, 4, concInnerOf(f))
		}},
		{name: "FlatMapConcurrentUnordered", usesF: true, build: func(ctx context.Context, s s2, f fn) s2 {
			return seq.FlatMapConcurrentUnordered(ctx, s, 4, concInnerOf(f))
		}},
		{name: "Batch", ordered: true, build: func(ctx context.Context, s s2, _ fn) s2 {
			return concFlatten(seq.Batch(ctx, s, 2, time.Hour))
		}},
		{name: "Throttle", ordered: true, sync: true, build: func(ctx context.Context, s s2, _ fn) s2 {
			return seq.Throttle(ctx, s, &concLimiter{})
		}},
	}
}

// concKey is the key of the MapConcurrentByKey tests: the value mod 3.
func concKey(v int) int { return v % 3 }

// concInnerOf turns the f of a map into that of a flat-map: an inner
// stream of the one result of f, which f computes when it is ranged, and
// which is (0, err) when f fails, as the contract wants of every stream.
func concInnerOf(f func(context.Context, int) (int, error)) func(context.Context, int) iter.Seq2[int, error] {
	return func(ctx context.Context, v int) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			u, err := f(ctx, v)
			if err != nil {
				u = 0
			}
			yield(u, err)
		}
	}
}

func concFlatten(s iter.Seq2[[]int, error]) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for b, err := range s {
			if err != nil {
				if !yield(0, err) {
					return
				}
				continue
			}
			for _, v := range b {
				if !yield(v, nil) {
					return
				}
			}
		}
	}
}

// concUp is an instrumented infinite upstream 0, 1, 2, … that can panic or
// exit instead of yielding element at, or panic in its cleanup.
type concUp struct {
	at           int // -1: never
	exit         bool
	cleanupPanic bool
	started      atomic.Int32
	cleaned      atomic.Int32
}

func (u *concUp) seq() iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		u.started.Add(1)
		defer func() {
			u.cleaned.Add(1)
			if u.cleanupPanic {
				concUpstreamPanics("cleanup boom")
			}
		}()
		for i := 0; ; i++ {
			if i == u.at {
				if u.exit {
					runtime.Goexit()
				}
				concUpstreamPanics("upstream boom")
			}
			if !yield(i, nil) {
				return
			}
		}
	}
}

func concUpstreamPanics(v string) { panic(v) }

// concGauge counts the calls of f in progress.
type concGauge struct {
	cur, max atomic.Int64
}

func (g *concGauge) enter() {
	c := g.cur.Add(1)
	for m := g.max.Load(); c > m && !g.max.CompareAndSwap(m, c); m = g.max.Load() {
	}
}

func (g *concGauge) leave() { g.cur.Add(-1) }

// concIdentity returns an f that passes values through, panics with
// "f boom" (or exits) at value at, and counts its calls in g.
func concIdentity(g *concGauge, at int, exit bool) func(context.Context, int) (int, error) {
	return func(_ context.Context, v int) (int, error) {
		g.enter()
		defer g.leave()
		if v == at {
			if exit {
				runtime.Goexit()
			}
			concFPanics("f boom")
		}
		return v, nil
	}
}

func concFPanics(v string) { panic(v) }

// concRun ranges s with a body that stops after stopAfter elements (never
// if negative) and calls each(k) on element k; it returns the elements,
// the panic value and whether the goroutine exited through Goexit.
func concRun(s iter.Seq2[int, error], stopAfter int, each func(k int)) (got []concElem, panicked any, exited bool) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		normal := false
		defer func() {
			if !normal {
				panicked = recover()
				exited = panicked == nil
			}
		}()
		for v, err := range s {
			got = append(got, concElem{V: v, Err: err})
			if each != nil {
				each(len(got) - 1)
			}
			if len(got) == stopAfter {
				break
			}
		}
		normal = true
	}()
	<-done
	return got, panicked, exited
}

// concAfterRange checks what must hold once the range statement returned:
// the upstream stopped and cleaned up, no call of f in progress, and no
// goroutine left.
func concAfterRange(t *testing.T, name string, u *concUp, g *concGauge) {
	t.Helper()
	if s, c := u.started.Load(), u.cleaned.Load(); s != c {
		t.Errorf("%s: upstream started %d times, cleaned up %d times when the range returned", name, s, c)
	}
	if cur := g.cur.Load(); cur != 0 {
		t.Errorf("%s: %d calls of f still running when the range returned", name, cur)
	}
	goleak.VerifyNone(t)
}

func concValues(n int) []concElem {
	out := make([]concElem, n)
	for i := range out {
		out[i].V = i
	}
	return out
}

func concCount(from, n int) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for i := from; i < from+n; i++ {
			if !yield(i, nil) {
				return
			}
		}
	}
}

var concErrorsEqual = gocmp.Comparer(func(a, b error) bool {
	return a == b || (a != nil && b != nil && a.Error() == b.Error())
})

func concSorted(es []concElem) []concElem {
	out := slices.Clone(es)
	slices.SortStableFunc(out, func(a, b concElem) int {
		if c := cmp.Compare(a.V, b.V); c != 0 {
			return c
		}
		return strings.Compare(fmt.Sprint(a.Err), fmt.Sprint(b.Err))
	})
	return out
}

func concPanicValue(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}

// concStackHas reports whether the stack of a *seq.PanicError names fn.
func concStackHas(pe *seq.PanicError, fn string) bool {
	return strings.Contains(string(pe.Stack), fn)
}
func concGoroutines() int {
	return runtime.NumGoroutine()
}
