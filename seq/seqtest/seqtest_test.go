package seqtest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/itergen/itergen/seq"
)

// quick shortens the waits of a check for producers that make it wait: a
// leak is reported after the grace period, a stuck range after the time
// limit.
var quick = Option{func(c *config) {
	c.grace = 50 * time.Millisecond
	c.limit = 200 * time.Millisecond
}}

type mkFunc = func(ctx context.Context) iter.Seq2[int, error]

// count yields 0, 1, … n-1, or without end when n < 0.
func count(n int) mkFunc {
	return func(context.Context) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			for i := 0; n < 0 || i < n; i++ {
				if !yield(i, nil) {
					return
				}
			}
		}
	}
}

// worker yields 0 … n-1 from a goroutine it starts and waits for before it
// returns; with wait false it does not wait when the consumer stops early.
func worker(n int, waitOnBreak, waitOnPanic bool) mkFunc {
	return func(ctx context.Context) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			ch := make(chan int)
			stop := make(chan struct{})
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer close(ch)
				for i := 0; i < n; i++ {
					select {
					case ch <- i:
					case <-stop:
						return
					case <-ctx.Done(): // TestStream cancels it at the end
						return
					}
				}
			}()
			if waitOnPanic {
				defer wg.Wait()
				defer close(stop)
			}
			for v := range ch {
				if !yield(v, nil) {
					if waitOnBreak && !waitOnPanic {
						close(stop)
						wg.Wait()
					}
					return
				}
			}
			if !waitOnPanic {
				wg.Wait()
			}
		}
	}
}

// ctxAware yields 0, 1, … n-1 (without end when n < 0) and checks ctx
// before each element; when it is done it yields its cause and ends.
func ctxAware(n int, onDone func(ctx context.Context, yield func(int, error) bool)) mkFunc {
	return func(ctx context.Context) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			for i := 0; n < 0 || i < n; i++ {
				if ctx.Err() != nil {
					onDone(ctx, yield)
					return
				}
				if !yield(i, nil) {
					return
				}
			}
		}
	}
}

func yieldCause(ctx context.Context, yield func(int, error) bool) { yield(0, context.Cause(ctx)) }

var errOdd = errors.New("odd")

func TestStreamAcceptsGoodProducers(t *testing.T) {
	tests := []struct {
		name string
		mk   mkFunc
		opts []Option
	}{
		{"empty", count(0), []Option{Reiterable()}},
		{"finite", count(5), []Option{Reiterable()}},
		{"exactly the cut", count(cutLength), []Option{Reiterable()}},
		{"infinite", count(-1), []Option{Reiterable()}},
		{"errors in between", func(context.Context) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				for i := range 6 {
					if i%2 == 1 && !yield(0, fmt.Errorf("element %d: %w", i, errOdd)) {
						return
					}
					if i%2 == 0 && !yield(i, nil) {
						return
					}
				}
			}
		}, []Option{Reiterable()}},
		{"goroutine-backed", worker(7, true, true), []Option{Reiterable()}},
		{"seq.Buffer", func(ctx context.Context) iter.Seq2[int, error] { return seq.Buffer(ctx, count(20)(ctx), 4) },
			[]Option{Reiterable(), Cancellable()}},
		{"seq.MapConcurrent", func(ctx context.Context) iter.Seq2[int, error] {
			return seq.MapConcurrent(ctx, count(30)(ctx), 4, func(_ context.Context, v int) (int, error) { return v * v, nil })
		}, []Option{Reiterable(), Cancellable()}},
		{"ctx-aware finite", ctxAware(5, yieldCause), []Option{Reiterable(), Cancellable()}},
		{"ctx-aware infinite", ctxAware(-1, yieldCause), []Option{Reiterable(), Cancellable()}},
		{"seq.Paginate", func(ctx context.Context) iter.Seq2[int, error] {
			return seq.Paginate(ctx, 0, func(_ context.Context, page int) ([]int, int, error) {
				next := page + 1
				if next == 4 {
					next = 0
				}
				return []int{3 * page, 3*page + 1, 3*page + 2}, next, nil
			})
		}, []Option{Reiterable(), Cancellable()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := TestStream(tt.mk, tt.opts...); err != nil {
				t.Errorf("TestStream(%s) = %v, want nil", tt.name, err)
			}
		})
	}
	// Elements of other types, compared with reflect.DeepEqual.
	chunks := func(context.Context) iter.Seq2[[]string, error] { return seq.Chunk(seq.Of("a", "b", "c", "d", "e"), 2) }
	if err := TestStream(chunks, Reiterable()); err != nil {
		t.Errorf("TestStream(chunks of strings) = %v, want nil", err)
	}
}

func TestStreamRejectsBrokenProducers(t *testing.T) {
	tests := []struct {
		name string
		mk   mkFunc
		opts []Option
		want string // what the error must say
	}{{
		name: "yield after false",
		mk: func(context.Context) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				for i := range 5 {
					yield(i, nil) // the bug: the result is ignored
				}
			}
		},
		want: "break at element 0): yield was called again (with 1) after it returned false",
	}, {
		name: "yield after false, for ever",
		mk: func(context.Context) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				for i := 0; ; i++ {
					yield(i, nil)
				}
			}
		},
		want: "range 1 (full range): yield was called again (with 101) after it returned false",
	}, {
		name: "yield after false, late",
		mk: func(context.Context) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				for i := range 99 {
					if !yield(i, nil) && i < 97 { // the bug: from element 97 on
						return
					}
				}
			}
		},
		want: "break at element 97): yield was called again (with 98) after it returned false",
	}, {
		name: "break gives other elements",
		mk: func() mkFunc {
			next := 0 // the bug: every stream continues the one before
			return func(context.Context) iter.Seq2[int, error] {
				return func(yield func(int, error) bool) {
					for ; next < 1000; next++ {
						if !yield(next, nil) {
							next++
							return
						}
					}
				}
			}
		}(),
		want: "break at element 0): element 0 is 101; want 0 as in a full range",
	}, {
		name: "leak after a full range",
		mk: func(ctx context.Context) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				go func() { <-ctx.Done() }() // the bug: nobody waits for it
				yield(1, nil)
			}
		},
		opts: []Option{quick},
		want: "range 1 (full range): 1 goroutine the stream started was still running 50ms after the range statement returned",
	}, {
		name: "leak after a break",
		mk:   worker(5, false, false),
		opts: []Option{quick},
		want: "(break at element 0): 1 goroutine the stream started was still running",
	}, {
		name: "leak after a panic",
		mk:   worker(5, true, false),
		opts: []Option{quick},
		want: "(loop body panic at element 0): 1 goroutine the stream started was still running",
	}, {
		name: "panic swallowed",
		mk: func(context.Context) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				defer func() { _ = recover() }()
				for i := range 3 {
					if !yield(i, nil) {
						return
					}
				}
			}
		},
		want: "(loop body panic at element 0): the range statement returned normally; want the loop body's panic (seqtest: loop body panic at element 0) to come out of it",
	}, {
		name: "panic replaced",
		mk: func(context.Context) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				defer func() {
					if r := recover(); r != nil {
						panic(fmt.Sprintf("producer: %v", r))
					}
				}()
				for i := range 3 {
					if !yield(i, nil) {
						return
					}
				}
			}
		},
		want: `the range statement panicked with string(producer: seqtest: loop body panic at element 0); want the loop body's panic value (seqtest: loop body panic at element 0), unchanged`,
	}, {
		name: "yield after panic",
		mk: func(context.Context) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				for i := range 3 {
					stop := func() bool {
						defer func() { _ = recover() }()
						return !yield(i, nil)
					}()
					if stop {
						return
					}
				}
			}
		},
		want: "(loop body panic at element 0): yield was called again (with 1) after the loop body panicked",
	}, {
		name: "range does not return",
		mk: func(ctx context.Context) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				for i := range 3 {
					if !yield(i, nil) {
						<-ctx.Done() // the bug: blocks until TestStream gives up
						return
					}
				}
			}
		},
		opts: []Option{quick},
		want: "range 2 (break at element 0): the range statement did not return: nothing happened for 200ms after the loop body returned false at element 0",
	}, {
		name: "not re-iterable",
		mk: func(context.Context) iter.Seq2[int, error] {
			ch := make(chan int, 3)
			ch <- 1
			ch <- 2
			ch <- 3
			close(ch)
			return seq.From(func(yield func(int) bool) {
				for v := range ch {
					if !yield(v) {
						return
					}
				}
			})
		},
		opts: []Option{Reiterable()},
		want: "(second range of one stream (Reiterable)): the stream ended after 0 elements; want 3 elements as in the first range",
	}, {
		name: "ignores ctx",
		mk:   count(-1),
		opts: []Option{Cancellable()},
		want: "(ctx cancelled before the range (Cancellable)): the stream went on for 10 elements after the cancel without ending (the loop body broke there)",
	}, {
		name: "yields ctx.Err()",
		mk: ctxAware(-1, func(ctx context.Context, yield func(int, error) bool) {
			yield(0, ctx.Err())
		}),
		opts: []Option{Cancellable()},
		want: "it matches ctx.Err(), not the cause: yield context.Cause(ctx)",
	}, {
		name: "goes on after the cause",
		mk: ctxAware(-1, func(ctx context.Context, yield func(int, error) bool) {
			for yield(0, context.Cause(ctx)) {
			}
		}),
		opts: []Option{Cancellable()},
		want: "after the error matching context.Cause(ctx); want it to end there",
	}, {
		name: "ends quietly when cancelled",
		mk:   ctxAware(-1, func(context.Context, func(int, error) bool) {}),
		opts: []Option{Cancellable()},
		want: "the stream ended with no element after the cancel",
	}, {
		name: "panics by itself",
		mk: func(context.Context) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				panic("producer bug")
			}
		},
		want: "range 1 (full range): the stream panicked: string(producer bug)",
	}, {
		name: "calls runtime.Goexit",
		mk: func(context.Context) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				yield(1, nil)
				runtime.Goexit()
			}
		},
		want: "range 1 (full range): the stream called runtime.Goexit",
	}, {
		name: "yield on another goroutine",
		mk: func(context.Context) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				done := make(chan struct{})
				go func() {
					defer close(done)
					for i := range 3 {
						if !yield(i, nil) {
							return
						}
					}
				}()
				<-done
			}
		},
		want: "a panic of the loop body there would crash the program",
	}, {
		name: "mk is nil",
		want: "seqtest.TestStream: mk is nil",
	}, {
		name: "mk returns nil",
		mk:   func(context.Context) iter.Seq2[int, error] { return nil },
		want: "range 1 (full range): mk returned a nil stream",
	}, {
		name: "mk panics",
		mk:   func(context.Context) iter.Seq2[int, error] { panic("no stream today") },
		want: "range 1 (full range): mk panicked: no stream today",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := TestStream(tt.mk, tt.opts...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("TestStream(%s) = %v, want an error containing %q", tt.name, err, tt.want)
			}
		})
	}
}

// Two goroutines calling yield at once cannot be staged from outside
// without blocking inside the loop body, so the check is driven directly:
// a call made while another is in progress is noted.
func TestYieldNotesConcurrentCalls(t *testing.T) {
	rg := &ranging[int]{plan: plan{breakAt: -1, panicAt: -1, cancelAt: -1}}
	rg.active.Add(1) // a call in progress on another goroutine
	if !rg.yield(1, nil) {
		t.Fatalf("yield(1, nil) = false, want true")
	}
	const want = "yield was called while another call of yield had not returned"
	if got := rg.misuse[kindConcurrent]; got == "" || !strings.Contains(got, want) {
		t.Errorf("misuse noted = %q, want %q", got, want)
	}
	rg.active.Add(-1)
	if got := rg.active.Load(); got != 0 {
		t.Errorf("calls in progress after yield returned = %d, want 0", got)
	}
}

// Goroutines that other code starts while TestStream runs, as parallel
// tests do, are not the stream's.
func TestStreamIgnoresOtherGoroutines(t *testing.T) {
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(100 * time.Microsecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-stop
				}()
			}
		}
	}()
	err := TestStream(worker(10, true, true), Reiterable())
	close(stop)
	wg.Wait()
	if err != nil {
		t.Errorf("TestStream(goroutine-backed) with other goroutines starting = %v, want nil", err)
	}
}
