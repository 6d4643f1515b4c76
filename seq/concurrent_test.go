package seq_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"golang.org/x/time/rate"

	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

// The concurrent operators are checked against the same models as their
// synchronous counterparts: Buffer, Merge of one source and Throttle are
// the identity, MapConcurrent is TryMap, MapConcurrentUnordered is TryMap
// up to order, and Batch with a maxWait that never passes is Chunk.

type concElem = streamtest.Elem[int]

var errConcMult3 = errors.New("multiple of 3")

// concF is the f of the MapConcurrent tests: ten times v, or an error for
// multiples of 3.
func concF(_ context.Context, v int) (int, error) {
	if v%3 == 0 {
		return 0, errConcMult3
	}
	return 10 * v, nil
}

func concModelMap(in []concElem) []concElem {
	var out []concElem
	for _, e := range in {
		if e.Err != nil {
			out = append(out, e)
			continue
		}
		v, err := concF(context.Background(), e.V)
		out = append(out, concElem{V: v, Err: err})
	}
	return out
}

func concModelBatch(in []concElem, n int) []streamtest.Elem[[]int] {
	var out []streamtest.Elem[[]int]
	var batch []int
	flush := func() {
		if len(batch) > 0 {
			out = append(out, streamtest.Elem[[]int]{V: batch})
			batch = nil
		}
	}
	for _, e := range in {
		if e.Err != nil {
			flush()
			out = append(out, streamtest.Elem[[]int]{Err: e.Err})
			continue
		}
		batch = append(batch, e.V)
		if len(batch) == n {
			flush()
		}
	}
	flush()
	return out
}

// concLimiter is a Limiter that lets everything through and counts waits.
type concLimiter struct {
	waits atomic.Int64
	err   error // returned by the wait numbered failAt (from 1)
	fail  int64
}

func (l *concLimiter) Wait(ctx context.Context) error {
	if l.waits.Add(1) == l.fail {
		return l.err
	}
	return nil
}

func TestConcurrentContract(t *testing.T) {
	ctx := context.Background()
	type op = func(iter.Seq2[int, error]) iter.Seq2[int, error]
	ops := []struct {
		name      string
		op        op
		model     func([]concElem) []concElem
		unordered bool
	}{
		{"Buffer/1", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.Buffer(ctx, s, 1) }, nil, false},
		{"Buffer/3", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.Buffer(ctx, s, 3) }, nil, false},
		{"Buffer/64", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.Buffer(ctx, s, 64) }, nil, false},
		{"Merge/one", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.Merge(ctx, s) }, nil, false},
		{"Merge/with empty", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.Merge(ctx, s, streamtest.NewSource[int](nil).Seq())
		}, nil, true},
		{"Merge/twice", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.Merge(ctx, s, s) },
			func(in []concElem) []concElem { return append(append([]concElem(nil), in...), in...) }, true},
		{"MapConcurrent/1", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.MapConcurrent(ctx, s, 1, concF) }, concModelMap, false},
		{"MapConcurrent/2", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.MapConcurrent(ctx, s, 2, concF) }, concModelMap, false},
		{"MapConcurrent/64", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.MapConcurrent(ctx, s, 64, concF) }, concModelMap, false},
		{"MapConcurrentUnordered/1", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.MapConcurrentUnordered(ctx, s, 1, concF)
		}, concModelMap, true},
		{"MapConcurrentUnordered/3", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.MapConcurrentUnordered(ctx, s, 3, concF)
		}, concModelMap, true},
		{"MapConcurrentUnordered/64", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.MapConcurrentUnordered(ctx, s, 64, concF)
		}, concModelMap, true},
		{"MapConcurrentWindow/1,1", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.MapConcurrentWindow(ctx, s, 1, 1, concF)
		}, concModelMap, false},
		{"MapConcurrentWindow/1,5", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.MapConcurrentWindow(ctx, s, 1, 5, concF)
		}, concModelMap, false},
		{"MapConcurrentWindow/3,48", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.MapConcurrentWindow(ctx, s, 3, 48, concF)
		}, concModelMap, false},
		{"MapConcurrentByKey/1", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.MapConcurrentByKey(ctx, s, 1, concKey, concF)
		}, concModelMap, true},
		{"MapConcurrentByKey/3", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.MapConcurrentByKey(ctx, s, 3, concKey, concF)
		}, concModelMap, true},
		{"MapConcurrentByKey/64", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.MapConcurrentByKey(ctx, s, 64, concKey, concF)
		}, concModelMap, true},
		{"Throttle", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.Throttle(ctx, s, &concLimiter{}) }, nil, false},
	}
	for _, o := range ops {
		for _, c := range streamtest.Cases() {
			t.Run(o.name+"/"+c.Name, func(t *testing.T) {
				var opts []streamtest.Option
				if o.unordered {
					opts = append(opts, streamtest.Unordered())
				}
				got := streamtest.Check(t, c.Input, o.op, opts...)
				want := c.Input
				if o.model != nil {
					want = o.model(c.Input)
				}
				if o.unordered {
					got, want = concSorted(got), concSorted(want)
				}
				if diff := gocmp.Diff(want, got, concErrorsEqual); diff != "" {
					t.Errorf("%s(%v) differs from the model (-want +got):\n%s", o.name, c.Input, diff)
				}
			})
		}
	}
}

func TestBatchContract(t *testing.T) {
	ctx := context.Background()
	for _, n := range []int{1, 2, 3, 100} {
		for _, c := range streamtest.Cases() {
			t.Run(fmt.Sprintf("n=%d/%s", n, c.Name), func(t *testing.T) {
				op := func(s iter.Seq2[int, error]) iter.Seq2[[]int, error] { return seq.Batch(ctx, s, n, time.Hour) }
				got := streamtest.Check(t, c.Input, op)
				if diff := gocmp.Diff(concModelBatch(c.Input, n), got, concErrorsEqual); diff != "" {
					t.Errorf("Batch(%v, %d) differs from the model (-want +got):\n%s", c.Input, n, diff)
				}
			})
		}
	}
}

// TestMergeKeepsSourceOrder checks that the elements of each source keep
// their order in the merged stream.
func TestMergeKeepsSourceOrder(t *testing.T) {
	const k, per = 4, 1000
	srcs := make([]iter.Seq2[int, error], k)
	for i := range srcs {
		srcs[i] = concCount(i*per, per)
	}
	next := make([]int, k)
	count := 0
	for v, err := range seq.Merge(context.Background(), srcs...) {
		if err != nil {
			t.Fatalf("Merge: unexpected error %v", err)
		}
		src := v / per
		if want := src*per + next[src]; v != want {
			t.Fatalf("Merge: got %d from source %d, want %d", v, src, want)
		}
		next[src]++
		count++
	}
	if count != k*per {
		t.Errorf("Merge of %d sources of %d gave %d elements, want %d", k, per, count, k*per)
	}
}

func TestMergeOfNothing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, c := range []context.Context{context.Background(), ctx} {
		if got := streamtest.Collect(seq.Merge[int](c)); got != nil {
			t.Errorf("Merge() = %v, want nothing", got)
		}
	}
}

func TestThrottleWaitsBeforeEachElement(t *testing.T) {
	in := append(streamtest.Vals(1, 2), streamtest.Err[int](streamtest.ErrA), concElem{V: 3})
	lim := &concLimiter{}
	got := streamtest.Collect(seq.Throttle(context.Background(), streamtest.NewSource(in).Seq(), lim))
	if diff := gocmp.Diff(in, got, concErrorsEqual); diff != "" {
		t.Errorf("Throttle differs from its input (-want +got):\n%s", diff)
	}
	if w := lim.waits.Load(); w != int64(len(in)) {
		t.Errorf("Throttle over %d elements called Wait %d times, want %d", len(in), w, len(in))
	}
}

func TestThrottleLimiterError(t *testing.T) {
	errLim := errors.New("limiter says no")
	src := streamtest.NewSource(streamtest.Vals(1, 2, 3, 4))
	lim := &concLimiter{err: errLim, fail: 3}
	got := streamtest.Collect(seq.Throttle(context.Background(), src.Seq(), lim))
	want := append(streamtest.Vals(1, 2), streamtest.Err[int](errLim))
	if diff := gocmp.Diff(want, got, concErrorsEqual); diff != "" {
		t.Errorf("Throttle with a failing limiter (-want +got):\n%s", diff)
	}
	if starts, cleanups, _ := src.Stats(); starts != 1 || cleanups != 1 {
		t.Errorf("source started %d times, cleaned up %d times, want 1 and 1", starts, cleanups)
	}
}

// TestThrottleRateLimiterDeadline checks Throttle with the *rate.Limiter
// its doc names: a wait that would pass ctx's deadline is refused at once,
// and the last element keeps the limiter's message and matches
// context.DeadlineExceeded.
func TestThrottleRateLimiterDeadline(t *testing.T) {
	lim := rate.NewLimiter(rate.Every(time.Hour), 1) // one now, the next in an hour
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	got := streamtest.Collect(seq.Throttle(ctx, concCount(0, 3), lim))
	if len(got) != 2 || got[0] != (concElem{V: 0}) || got[1].Err == nil {
		t.Fatalf("Throttle(rate 1/h, deadline 1m) = %v, want [0 err]", got)
	}
	err := got[1].Err
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("errors.Is(%v, context.DeadlineExceeded) = false, want true", err)
	}
	if !strings.Contains(err.Error(), "rate: Wait") {
		t.Errorf("last element %q does not keep the limiter's message", err)
	}
	if ctx.Err() != nil {
		t.Errorf("Throttle sat the deadline out: ctx is done")
	}
}

// TestThrottleOtherLimiterErrors checks that only a limiter's refusal to
// wait past a deadline is made to match context.DeadlineExceeded.
func TestThrottleOtherLimiterErrors(t *testing.T) {
	errOther := errors.New("the limiter is closed")
	errWords := errors.New("no deadline set, but the word is here: deadline")
	ctxDeadline, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	tests := []struct {
		name string
		ctx  context.Context
		err  error
		want bool
	}{
		{"deadline, other error", ctxDeadline, errOther, false},
		{"no deadline, deadline words", context.Background(), errWords, false},
		{"deadline, deadline words", ctxDeadline, errWords, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := streamtest.Collect(seq.Throttle(tc.ctx, concCount(0, 3), failingLimiter{tc.err}))
			if len(got) != 1 || !errors.Is(got[0].Err, tc.err) || got[0].Err.Error() != tc.err.Error() {
				t.Fatalf("Throttle with a limiter failing %q = %v, want that error alone", tc.err, got)
			}
			if is := errors.Is(got[0].Err, context.DeadlineExceeded); is != tc.want {
				t.Errorf("errors.Is(%v, context.DeadlineExceeded) = %v, want %v", got[0].Err, is, tc.want)
			}
		})
	}
}

type failingLimiter struct{ err error }

func (l failingLimiter) Wait(context.Context) error { return l.err }
