package collect_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"go.uber.org/goleak"

	"github.com/itergen/itergen/collect"
	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

// fecGauge counts the calls of f in progress and the most at once.
type fecGauge struct {
	cur, max atomic.Int64
}

func (g *fecGauge) enter() {
	c := g.cur.Add(1)
	for m := g.max.Load(); c > m && !g.max.CompareAndSwap(m, c); m = g.max.Load() {
	}
}

func (g *fecGauge) leave() { g.cur.Add(-1) }

// fecCount is 0, 1, … n-1, re-iterable.
func fecCount(n int) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for i := range n {
			if !yield(i, nil) {
				return
			}
		}
	}
}

// fecRun calls ForEachConcurrent on a goroutine of its own and returns the
// value it panicked with, whether it called Goexit, and its result.
func fecRun(ctx context.Context, s iter.Seq2[int, error], n int, f func(context.Context, int) error) (panicked any, exited bool, err error) {
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
		err = collect.ForEachConcurrent(ctx, s, n, f)
		normal = true
	}()
	<-done
	return panicked, exited, err
}

func TestForEachConcurrentCallsEach(t *testing.T) {
	for _, n := range []int{1, 4, 64} {
		for _, total := range []int{0, 1, 1000} {
			t.Run(fmt.Sprintf("n=%d/total=%d", n, total), func(t *testing.T) {
				calls := make([]atomic.Int32, total)
				g := &fecGauge{}
				f := func(_ context.Context, v int) error {
					g.enter()
					defer g.leave()
					calls[v].Add(1)
					if v%7 == 0 {
						runtime.Gosched()
					}
					return nil
				}
				src := streamtest.NewSource(streamtest.Vals(fecValues(total)...))
				if err := collect.ForEachConcurrent(context.Background(), src.Seq(), n, f); err != nil {
					t.Errorf("ForEachConcurrent(%d values, %d) = %v, want nil", total, n, err)
				}
				for v := range calls {
					if c := calls[v].Load(); c != 1 {
						t.Errorf("ForEachConcurrent(%d values, %d) called f(%d) %d times, want 1", total, n, v, c)
					}
				}
				if m := g.max.Load(); m > int64(n) {
					t.Errorf("ForEachConcurrent(%d values, %d): %d calls at once, more than n", total, n, m)
				}
				if starts, cleanups, _ := src.Stats(); starts != 1 || cleanups != 1 {
					t.Errorf("source started %d times, cleaned up %d times, want 1 and 1", starts, cleanups)
				}
			})
		}
	}
}

func fecValues(n int) []int {
	vs := make([]int, n)
	for i := range vs {
		vs[i] = i
	}
	return vs
}

// TestForEachConcurrentInFlight checks that n calls run at once when they
// can (the first n wait for each other), never more.
func TestForEachConcurrentInFlight(t *testing.T) {
	for _, n := range []int{1, 3, 16} {
		g := &fecGauge{}
		var arrived atomic.Int64
		all := make(chan struct{})
		f := func(_ context.Context, v int) error {
			g.enter()
			defer g.leave()
			if v < n {
				if arrived.Add(1) == int64(n) {
					close(all)
				}
				<-all
			}
			return nil
		}
		if err := collect.ForEachConcurrent(context.Background(), fecCount(500), n, f); err != nil {
			t.Fatalf("ForEachConcurrent(n=%d) = %v, want nil", n, err)
		}
		if m := g.max.Load(); m != int64(n) {
			t.Errorf("ForEachConcurrent(n=%d): at most %d calls at once, want exactly n", n, m)
		}
	}
}

// TestForEachConcurrentFirstError checks that the first error, from f or
// from s, is returned, that it cancels the calls in progress, that s is
// stopped, and that every call has returned by then.
func TestForEachConcurrentFirstError(t *testing.T) {
	errF := errors.New("f failed")
	for _, fromS := range []bool{false, true} {
		t.Run(fmt.Sprintf("from s %v", fromS), func(t *testing.T) {
			want := errF
			if fromS {
				want = streamtest.ErrA
			}
			var running, cancelled, after atomic.Int64
			var failed atomic.Bool
			var arrived atomic.Int64
			blocked := make(chan struct{}) // closed when calls 0 to 2 wait
			f := func(ctx context.Context, v int) error {
				running.Add(1)
				defer running.Add(-1)
				if failed.Load() {
					after.Add(1)
				}
				switch {
				case v == 5 && !fromS:
					<-blocked
					return errF
				case v < 3: // wait for the error to cancel them
					if arrived.Add(1) == 3 {
						close(blocked)
					}
					<-ctx.Done()
					cancelled.Add(1)
					return ctx.Err()
				}
				return nil
			}
			var produced, cleanups atomic.Int64
			s := func(yield func(int, error) bool) {
				defer cleanups.Add(1)
				for v := range 1000 {
					if v == 6 && fromS {
						<-blocked
						if !yield(0, streamtest.ErrA) {
							return
						}
					}
					produced.Add(1)
					if !yield(v, nil) {
						return
					}
				}
			}
			err := collect.ForEachConcurrent(context.Background(), s, 4, f)
			failed.Store(true)
			if err != want {
				t.Errorf("ForEachConcurrent = %v, want %v", err, want)
			}
			if r := running.Load(); r != 0 {
				t.Errorf("ForEachConcurrent returned with %d calls still running", r)
			}
			if c := cancelled.Load(); c != 3 {
				t.Errorf("%d calls saw their context cancelled, want 3", c)
			}
			if c, p := cleanups.Load(), produced.Load(); c != 1 || p == 1000 {
				t.Errorf("source cleaned up %d times after producing %d of 1000 elements, want it stopped", c, p)
			}
			if a := after.Load(); a != 0 {
				t.Errorf("f called %d times after ForEachConcurrent returned", a)
			}
			goleak.VerifyNone(t)
		})
	}
}

// TestForEachConcurrentWaitsForCalls checks that a call that ignores its
// context is waited for after the first error.
func TestForEachConcurrentWaitsForCalls(t *testing.T) {
	errF := errors.New("f failed")
	var slowDone atomic.Bool
	started := make(chan struct{})
	f := func(ctx context.Context, v int) error {
		if v == 1 {
			<-started // fail once the call of f(0) runs
			return errF
		}
		close(started)
		<-ctx.Done()
		for range 100 { // not listening any more: the caller must wait
			runtime.Gosched()
		}
		slowDone.Store(true)
		return nil
	}
	if err := collect.ForEachConcurrent(context.Background(), fecCount(2), 2, f); err != errF {
		t.Errorf("ForEachConcurrent = %v, want %v", err, errF)
	}
	if !slowDone.Load() {
		t.Errorf("ForEachConcurrent returned before every call of f had returned")
	}
}

func TestForEachConcurrentContext(t *testing.T) {
	cause := errors.New("gone")
	t.Run("done before", func(t *testing.T) {
		ctx, cancel := context.WithCancelCause(context.Background())
		cancel(cause)
		src := streamtest.NewSource(streamtest.Vals(1, 2, 3))
		f := func(context.Context, int) error {
			t.Error("f called")
			return nil
		}
		if err := collect.ForEachConcurrent(ctx, src.Seq(), 2, f); err != cause {
			t.Errorf("ForEachConcurrent with a done ctx = %v, want %v", err, cause)
		}
		if starts, _, _ := src.Stats(); starts != 0 {
			t.Errorf("ForEachConcurrent with a done ctx started the source %d times", starts)
		}
	})
	t.Run("done during", func(t *testing.T) {
		ctx, cancel := context.WithCancelCause(context.Background())
		defer cancel(nil)
		var cancelled atomic.Int64
		f := func(fctx context.Context, v int) error {
			if v == 10 {
				cancel(cause)
			}
			if v >= 10 {
				<-fctx.Done()
				cancelled.Add(1)
				return fctx.Err() // not passed on: the cause is
			}
			return nil
		}
		if err := collect.ForEachConcurrent(ctx, fecCount(1000), 4, f); err != cause {
			t.Errorf("ForEachConcurrent cancelled during the run = %v, want %v", err, cause)
		}
		if c := cancelled.Load(); c < 1 || c > 4 {
			t.Errorf("%d calls saw the cancellation, want 1 to 4", c)
		}
	})
}

func fecPanics(v any) { panic(v) }

func TestForEachConcurrentPanic(t *testing.T) {
	pe := &seq.PanicError{Value: "already wrapped"}
	errF := errors.New("f failed")
	tests := []struct {
		name  string
		f     func(ctx context.Context, v int) error
		value any
	}{
		{"in f", func(_ context.Context, v int) error {
			if v == 3 {
				fecPanics("f boom")
			}
			return nil
		}, "f boom"},
		{"a *PanicError", func(_ context.Context, v int) error {
			if v == 3 {
				fecPanics(pe)
			}
			return nil
		}, pe},
		{"after the first error", nil, "late boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.f == nil {
				// f(0) waits for the error of f(1), which waits for f(0)
				// to have started.
				started := make(chan struct{})
				tt.f = func(ctx context.Context, v int) error {
					switch v {
					case 0:
						close(started)
						<-ctx.Done()
						fecPanics("late boom")
					case 1:
						<-started
						return errF
					}
					return nil
				}
			}
			p, _, _ := fecRun(context.Background(), fecCount(100), 4, tt.f)
			got, ok := p.(*seq.PanicError)
			switch {
			case !ok:
				t.Fatalf("ForEachConcurrent panicked with %#v, want a *seq.PanicError", p)
			case tt.value == any(pe):
				if got != pe {
					t.Errorf("ForEachConcurrent panicked with %#v, want the *seq.PanicError as it is", got)
				}
			case got.Value != tt.value:
				t.Errorf("PanicError.Value = %#v, want %#v", got.Value, tt.value)
			case !strings.Contains(string(got.Stack), "fecPanics"):
				t.Errorf("the stack of the PanicError does not name the panicking function:\n%s", got.Stack)
			}
			goleak.VerifyNone(t)
		})
	}
	t.Run("in s", func(t *testing.T) {
		s := func(yield func(int, error) bool) {
			_ = yield(1, nil) && yield(2, nil)
			fecPanics("s boom")
		}
		p, _, _ := fecRun(context.Background(), s, 2, func(context.Context, int) error { return nil })
		if got, ok := p.(*seq.PanicError); !ok || got.Value != "s boom" {
			t.Errorf("ForEachConcurrent over a panicking stream panicked with %#v, want a *seq.PanicError of %q", p, "s boom")
		}
		goleak.VerifyNone(t)
	})
}

// TestForEachConcurrentNilPanicError checks that a panic with a nil
// *seq.PanicError, in f or in s, comes out as a panic, not as a
// runtime.Goexit or nothing.
func TestForEachConcurrentNilPanicError(t *testing.T) {
	nilPE := (*seq.PanicError)(nil)
	tests := []struct {
		name string
		s    iter.Seq2[int, error]
		f    func(context.Context, int) error
	}{
		{"in f", fecCount(10), func(_ context.Context, v int) error {
			if v == 3 {
				panic(nilPE)
			}
			return nil
		}},
		{"in s", func(yield func(int, error) bool) {
			if yield(1, nil) {
				panic(nilPE)
			}
		}, func(context.Context, int) error { return nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, exited, _ := fecRun(context.Background(), tt.s, 2, tt.f)
			if got, ok := p.(*seq.PanicError); exited || !ok || got == nil || got.Value != any(nilPE) {
				t.Errorf("ForEachConcurrent panicked with %#v (exited %v), want a *seq.PanicError holding the nil one", p, exited)
			}
			goleak.VerifyNone(t)
		})
	}
}

func TestForEachConcurrentGoexit(t *testing.T) {
	var calls atomic.Int64
	f := func(_ context.Context, v int) error {
		calls.Add(1)
		if v == 3 {
			runtime.Goexit()
		}
		return nil
	}
	p, exited, err := fecRun(context.Background(), fecCount(100), 2, f)
	if !exited || p != nil || err != nil {
		t.Errorf("ForEachConcurrent with a Goexit in f: exited=%v, panic %v, error %v; want runtime.Goexit", exited, p, err)
	}
	goleak.VerifyNone(t)

	var running atomic.Int64
	s := func(yield func(int, error) bool) {
		for i := range 10 {
			if !yield(i, nil) {
				return
			}
		}
		runtime.Goexit()
	}
	slow := func(ctx context.Context, _ int) error {
		running.Add(1)
		defer running.Add(-1)
		<-ctx.Done() // ended by the Goexit of s
		return nil
	}
	p, exited, err = fecRun(context.Background(), s, 4, slow)
	if !exited || p != nil || err != nil {
		t.Errorf("ForEachConcurrent with a Goexit in s: exited=%v, panic %v, error %v; want runtime.Goexit", exited, p, err)
	}
	if r := running.Load(); r != 0 {
		t.Errorf("ForEachConcurrent exited with %d calls still running", r)
	}
	goleak.VerifyNone(t)
}

func TestForEachConcurrentCallTimePanics(t *testing.T) {
	ctx := context.Background()
	f := func(context.Context, int) error { return nil }
	var nilCtx context.Context
	var nilF func(context.Context, int) error
	tests := []struct {
		name string
		call func(s iter.Seq2[int, error])
		want string
	}{
		{"n=0", func(s iter.Seq2[int, error]) { _ = collect.ForEachConcurrent(ctx, s, 0, f) }, "n must be at least 1"},
		{"n<0", func(s iter.Seq2[int, error]) { _ = collect.ForEachConcurrent(ctx, s, -1, f) }, "n must be at least 1"},
		{"nil ctx", func(s iter.Seq2[int, error]) { _ = collect.ForEachConcurrent(nilCtx, s, 1, f) }, "nil context"},
		{"nil f", func(s iter.Seq2[int, error]) { _ = collect.ForEachConcurrent(ctx, s, 1, nilF) }, "nil function"},
		{"nil stream", func(iter.Seq2[int, error]) { _ = collect.ForEachConcurrent(ctx, nil, 1, f) }, "nil stream"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := streamtest.NewSource[int](nil)
			want := "collect.ForEachConcurrent: " + tt.want
			if got := panicValue(func() { tt.call(src.Seq()) }); got != want {
				t.Errorf("ForEachConcurrent %s panicked with %v, want %q", tt.name, got, want)
			}
			if starts, _, _ := src.Stats(); starts != 0 {
				t.Errorf("ForEachConcurrent %s ranged the stream before panicking", tt.name)
			}
		})
	}
}

// TestForEachConcurrentDependentCalls checks that a call that waits for a
// later call does not deadlock when n allows both, even after many cheap
// calls.
func TestForEachConcurrentDependentCalls(t *testing.T) {
	for _, at := range []int{0, 500} {
		later := make(chan struct{})
		f := func(_ context.Context, v int) error {
			switch v {
			case at:
				<-later
			case at + 1:
				close(later)
			}
			return nil
		}
		if err := collect.ForEachConcurrent(context.Background(), fecCount(1000), 2, f); err != nil {
			t.Errorf("ForEachConcurrent with f(%d) waiting for f(%d) = %v, want nil", at, at+1, err)
		}
	}
}

// TestForEachConcurrentYieldAfterFalse checks that a stream that goes on
// after it was told to stop makes ForEachConcurrent panic, not hang.
func TestForEachConcurrentYieldAfterFalse(t *testing.T) {
	errF := errors.New("f failed")
	s := func(yield func(int, error) bool) {
		for i := range 1000 {
			yield(i, nil) // ignores false
		}
	}
	// Every call fails, so s is told to stop before it can run far ahead.
	f := func(context.Context, int) error { return errF }
	p, _, _ := fecRun(context.Background(), s, 2, f)
	want := "collect.ForEachConcurrent: stream called yield again after it returned false"
	if pe, ok := p.(*seq.PanicError); !ok || pe.Value != want {
		t.Errorf("ForEachConcurrent over a stream that ignores false panicked with %#v, want a *seq.PanicError of %q", p, want)
	}
	goleak.VerifyNone(t)
}
