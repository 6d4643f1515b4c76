//go:build go1.25

package seq_test

import (
	"context"
	"errors"
	"iter"
	"slices"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

// The tests in this file run in a synctest bubble: time moves only when
// every goroutine of the bubble is blocked, so durations are exact.

// concTimed yields each value v after sleeping for its delay, and honours
// ctx while it sleeps.
func concTimed(ctx context.Context, vs []int, delays []time.Duration) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for i, v := range vs {
			select {
			case <-time.After(delays[i]):
			case <-ctx.Done():
				yield(0, ctx.Err())
				return
			}
			if !yield(v, nil) {
				return
			}
		}
	}
}

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

type concAt struct {
	Batch []int
	At    time.Duration
}

func TestBatchMaxWait(t *testing.T) {
	tests := []struct {
		name   string
		delays []time.Duration // before each of the values 1, 2, …
		n      int
		body   time.Duration // the loop body's work per batch
		want   []concAt
	}{
		{"full before the time", []time.Duration{0, ms(1), ms(1)}, 3, 0,
			[]concAt{{[]int{1, 2, 3}, ms(2)}}},
		{"time counts from the first value", []time.Duration{0, ms(5), ms(4), ms(10)}, 10, 0,
			[]concAt{{[]int{1, 2, 3}, ms(10)}, {[]int{4}, ms(19)}}},
		{"end of stream flushes", []time.Duration{ms(1), ms(1)}, 10, 0,
			[]concAt{{[]int{1, 2}, ms(2)}}},
		{"late consumer gets the due batch at once", []time.Duration{0, ms(15), ms(100)}, 10, ms(50),
			[]concAt{{[]int{1}, ms(10)}, {[]int{2}, ms(60)}, {[]int{3}, ms(115)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx := context.Background()
				vs := make([]int, len(tt.delays))
				for i := range vs {
					vs[i] = i + 1
				}
				start := time.Now()
				var got []concAt
				for b, err := range seq.Batch(ctx, concTimed(ctx, vs, tt.delays), tt.n, ms(10)) {
					if err != nil {
						t.Fatalf("Batch: unexpected error %v", err)
					}
					got = append(got, concAt{b, time.Since(start)})
					time.Sleep(tt.body)
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("Batch batches and times (-want +got):\n%s", diff)
				}
			})
		})
	}
}

func TestBatchErrorFlushes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		src := func(yield func(int, error) bool) {
			_ = yield(1, nil) && yield(2, nil) && yield(0, streamtest.ErrA) && yield(3, nil)
			time.Sleep(time.Hour)
		}
		var got []streamtest.Elem[[]int]
		for b, err := range seq.Batch(context.Background(), src, 5, ms(10)) {
			got = append(got, streamtest.Elem[[]int]{V: b, Err: err})
		}
		want := []streamtest.Elem[[]int]{{V: []int{1, 2}}, {Err: streamtest.ErrA}, {V: []int{3}}}
		if diff := cmp.Diff(want, got, concErrorsEqual); diff != "" {
			t.Errorf("Batch around an error (-want +got):\n%s", diff)
		}
	})
}

// concSleepLimiter lets one element through every period.
type concSleepLimiter struct{ period time.Duration }

func (l concSleepLimiter) Wait(ctx context.Context) error {
	select {
	case <-time.After(l.period):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func TestThrottleTimes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		start := time.Now()
		var at []time.Duration
		for range seq.Throttle(ctx, concCount(0, 3), concSleepLimiter{ms(10)}) {
			at = append(at, time.Since(start))
		}
		if want := []time.Duration{ms(10), ms(20), ms(30)}; !slices.Equal(at, want) {
			t.Errorf("Throttle handed elements over at %v, want %v", at, want)
		}
	})
}

func TestThrottleCancelDuringWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cause := errors.New("enough")
		ctx, cancel := context.WithCancelCause(context.Background())
		time.AfterFunc(ms(25), func() { cancel(cause) })
		start := time.Now()
		got := streamtest.Collect(seq.Throttle(ctx, concCount(0, 10), concSleepLimiter{ms(10)}))
		want := append(streamtest.Vals(0, 1), streamtest.Err[int](cause))
		if diff := cmp.Diff(want, got, concErrorsEqual); diff != "" {
			t.Errorf("Throttle cancelled while waiting (-want +got):\n%s", diff)
		}
		if d := time.Since(start); d != ms(25) {
			t.Errorf("Throttle ended %v after the start, want at the cancel (25ms)", d)
		}
	})
}

// TestConcurrentPromptCancel checks that every operator ends as soon as its
// ctx is cancelled, with the cause, when the upstream and f are slow but
// honour ctx.
func TestConcurrentPromptCancel(t *testing.T) {
	for _, o := range concOps() {
		t.Run(o.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				cause := errors.New("cancelled")
				ctx, cancel := context.WithCancelCause(context.Background())
				defer cancel(nil)
				vs := make([]int, 100)
				delays := make([]time.Duration, 100)
				for i := range delays {
					vs[i], delays[i] = i, time.Second
				}
				f := func(ctx context.Context, v int) (int, error) {
					select {
					case <-time.After(time.Hour):
					case <-ctx.Done():
						return 0, ctx.Err()
					}
					return v, nil
				}
				if !o.usesF {
					f = nil
				}
				time.AfterFunc(ms(2500), func() { cancel(cause) })
				start := time.Now()
				got := streamtest.Collect(o.build(ctx, concTimed(ctx, vs, delays), f))
				if d := time.Since(start); d != ms(2500) {
					t.Errorf("%s ended %v after the start, want at the cancel (2.5s)", o.name, d)
				}
				if len(got) == 0 || got[len(got)-1].Err != cause {
					t.Fatalf("%s: got %v, want the cause last", o.name, got)
				}
				for _, e := range got[:len(got)-1] {
					if e.Err != nil {
						t.Errorf("%s: got error %v before the cause", o.name, e.Err)
					}
				}
			})
		})
	}
}

// TestMapConcurrentIOBound checks that slow calls overlap fully: 2000
// calls of 1ms with n = 64 take ceil(2000/64) = 32ms.
func TestMapConcurrentIOBound(t *testing.T) {
	maps := []struct {
		name string
		op   func(context.Context, iter.Seq2[int, error], int, func(context.Context, int) (int, error)) iter.Seq2[int, error]
	}{
		{"MapConcurrent", seq.MapConcurrent[int, int]},
		{"MapConcurrentUnordered", seq.MapConcurrentUnordered[int, int]},
		{"MapConcurrentWindow", concWindow4n},
		{"MapConcurrentByKey", concByKeyIdentity},
	}
	for _, m := range maps {
		t.Run(m.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				f := func(_ context.Context, v int) (int, error) {
					time.Sleep(time.Millisecond)
					return v, nil
				}
				start := time.Now()
				count := 0
				for range m.op(context.Background(), concCount(0, 2000), 64, f) {
					count++
				}
				if d := time.Since(start); count != 2000 || d != ms(32) {
					t.Errorf("%s: %d results in %v, want 2000 in 32ms", m.name, count, d)
				}
			})
		})
	}
}

func TestMapConcurrentUnorderedCompletionOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := func(_ context.Context, v int) (int, error) {
			time.Sleep(ms(10 * (10 - v)))
			return v, nil
		}
		var got []int
		for v := range seq.Values(seq.MapConcurrentUnordered(context.Background(), concCount(0, 10), 10, f), new(error)) {
			got = append(got, v)
		}
		if want := []int{9, 8, 7, 6, 5, 4, 3, 2, 1, 0}; !slices.Equal(got, want) {
			t.Errorf("MapConcurrentUnordered = %v, want completion order %v", got, want)
		}
	})
}

// TestMapConcurrentHeadOfLine checks the documented head-of-line blocking:
// while a slow first call runs, MapConcurrent starts only n-1 other calls
// (their results wait behind it), MapConcurrentWindow window-1, while
// MapConcurrentUnordered and MapConcurrentByKey (each value its own key)
// go around it and run all the others.
func TestMapConcurrentHeadOfLine(t *testing.T) {
	maps := []struct {
		name  string
		op    func(context.Context, iter.Seq2[int, error], int, func(context.Context, int) (int, error)) iter.Seq2[int, error]
		calls int64 // calls started while the first one runs
	}{
		{"MapConcurrent", seq.MapConcurrent[int, int], 4},
		{"MapConcurrentUnordered", seq.MapConcurrentUnordered[int, int], 100},
		{"MapConcurrentWindow", concWindow4n, 16},
		{"MapConcurrentByKey", concByKeyIdentity, 100},
	}
	for _, m := range maps {
		t.Run(m.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var started atomic.Int64
				f := func(_ context.Context, v int) (int, error) {
					started.Add(1)
					if v == 0 {
						time.Sleep(time.Second)
					} else {
						time.Sleep(time.Millisecond)
					}
					return v, nil
				}
				var midway atomic.Int64
				time.AfterFunc(ms(500), func() { midway.Store(started.Load()) })
				count := 0
				for range m.op(context.Background(), concCount(0, 100), 4, f) {
					count++
				}
				if count != 100 || midway.Load() != m.calls {
					t.Errorf("%s: %d results; %d calls started while the first ran, want %d", m.name, count, midway.Load(), m.calls)
				}
			})
		})
	}
}

// TestBufferOverlaps checks that a slow source and a slow loop body work
// at the same time through Buffer.
func TestBufferOverlaps(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		vs := make([]int, 10)
		delays := make([]time.Duration, 10)
		for i := range delays {
			delays[i] = ms(10)
		}
		start := time.Now()
		for range seq.Buffer(ctx, concTimed(ctx, vs, delays), 2) {
			time.Sleep(ms(10))
		}
		if d := time.Since(start); d != ms(110) {
			t.Errorf("10 elements of 10ms each side took %v, want 110ms", d)
		}
	})
}
