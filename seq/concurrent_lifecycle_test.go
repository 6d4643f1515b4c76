package seq_test

import (
	"context"
	"errors"
	"iter"
	"math"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

// TestConcurrentCallTimePanics checks the misuse panics and that they
// happen when the operator is called.
func TestConcurrentCallTimePanics(t *testing.T) {
	ctx := context.Background()
	s := concCount(0, 3)
	f := concF
	var nilCtx context.Context
	var nilS iter.Seq2[int, error]
	var nilF func(context.Context, int) (int, error)
	var nilKey func(int) int
	tests := []struct {
		name string
		call func()
		want string
	}{
		{"Buffer n=0", func() { seq.Buffer(ctx, s, 0) }, "seq.Buffer: n must be at least 1"},
		{"Buffer nil ctx", func() { seq.Buffer(nilCtx, s, 1) }, "seq.Buffer: nil context"},
		{"Buffer nil stream", func() { seq.Buffer(ctx, nilS, 1) }, "seq.Buffer: nil stream"},
		{"Merge nil ctx", func() { seq.Merge(nilCtx, s) }, "seq.Merge: nil context"},
		{"Merge nil source", func() { seq.Merge(ctx, s, nilS) }, "seq.Merge: nil stream"},
		{"MapConcurrent n=0", func() { seq.MapConcurrent(ctx, s, 0, f) }, "seq.MapConcurrent: n must be at least 1"},
		{"MapConcurrent nil ctx", func() { seq.MapConcurrent(nilCtx, s, 1, f) }, "seq.MapConcurrent: nil context"},
		{"MapConcurrent nil stream", func() { seq.MapConcurrent(ctx, nilS, 1, f) }, "seq.MapConcurrent: nil stream"},
		{"MapConcurrent nil f", func() { seq.MapConcurrent(ctx, s, 1, nilF) }, "seq.MapConcurrent: nil function"},
		{"MapConcurrentUnordered n=-1", func() { seq.MapConcurrentUnordered(ctx, s, -1, f) }, "seq.MapConcurrentUnordered: n must be at least 1"},
		{"MapConcurrentUnordered nil ctx", func() { seq.MapConcurrentUnordered(nilCtx, s, 1, f) }, "seq.MapConcurrentUnordered: nil context"},
		{"MapConcurrentUnordered nil stream", func() { seq.MapConcurrentUnordered(ctx, nilS, 1, f) }, "seq.MapConcurrentUnordered: nil stream"},
		{"MapConcurrentUnordered nil f", func() { seq.MapConcurrentUnordered(ctx, s, 1, nilF) }, "seq.MapConcurrentUnordered: nil function"},
		{"MapConcurrentWindow n=0", func() { seq.MapConcurrentWindow(ctx, s, 0, 4, f) }, "seq.MapConcurrentWindow: n must be at least 1"},
		{"MapConcurrentWindow window<n", func() { seq.MapConcurrentWindow(ctx, s, 4, 3, f) }, "seq.MapConcurrentWindow: window must be at least n"},
		{"MapConcurrentWindow nil ctx", func() { seq.MapConcurrentWindow(nilCtx, s, 1, 1, f) }, "seq.MapConcurrentWindow: nil context"},
		{"MapConcurrentWindow nil stream", func() { seq.MapConcurrentWindow(ctx, nilS, 1, 1, f) }, "seq.MapConcurrentWindow: nil stream"},
		{"MapConcurrentWindow nil f", func() { seq.MapConcurrentWindow(ctx, s, 1, 1, nilF) }, "seq.MapConcurrentWindow: nil function"},
		{"MapConcurrentByKey n=0", func() { seq.MapConcurrentByKey(ctx, s, 0, concKey, f) }, "seq.MapConcurrentByKey: n must be at least 1"},
		{"MapConcurrentByKey nil ctx", func() { seq.MapConcurrentByKey(nilCtx, s, 1, concKey, f) }, "seq.MapConcurrentByKey: nil context"},
		{"MapConcurrentByKey nil stream", func() { seq.MapConcurrentByKey(ctx, nilS, 1, concKey, f) }, "seq.MapConcurrentByKey: nil stream"},
		{"MapConcurrentByKey nil key", func() { seq.MapConcurrentByKey(ctx, s, 1, nilKey, f) }, "seq.MapConcurrentByKey: nil function"},
		{"MapConcurrentByKey nil f", func() { seq.MapConcurrentByKey(ctx, s, 1, concKey, nilF) }, "seq.MapConcurrentByKey: nil function"},
		{"Batch n=0", func() { seq.Batch(ctx, s, 0, time.Second) }, "seq.Batch: n must be at least 1"},
		{"Batch maxWait=0", func() { seq.Batch(ctx, s, 1, 0) }, "seq.Batch: maxWait must be positive"},
		{"Batch maxWait<0", func() { seq.Batch(ctx, s, 1, -time.Second) }, "seq.Batch: maxWait must be positive"},
		{"Batch nil ctx", func() { seq.Batch(nilCtx, s, 1, time.Second) }, "seq.Batch: nil context"},
		{"Batch nil stream", func() { seq.Batch(ctx, nilS, 1, time.Second) }, "seq.Batch: nil stream"},
		{"Throttle nil ctx", func() { seq.Throttle(nilCtx, s, &concLimiter{}) }, "seq.Throttle: nil context"},
		{"Throttle nil stream", func() { seq.Throttle(ctx, nilS, &concLimiter{}) }, "seq.Throttle: nil stream"},
		{"Throttle nil limiter", func() { seq.Throttle[int](ctx, s, nil) }, "seq.Throttle: nil limiter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := concPanicValue(tt.call)
			if got != tt.want {
				t.Errorf("%s panicked with %v, want %q", tt.name, got, tt.want)
			}
		})
	}
}

// TestConcurrentNotRangedStartsNothing checks that building a stream starts
// no goroutine and that each range starts afresh.
func TestConcurrentNotRangedStartsNothing(t *testing.T) {
	for _, o := range concOps() {
		t.Run(o.name, func(t *testing.T) {
			src := streamtest.NewSource(streamtest.Vals(1, 2, 3))
			before := concGoroutines()
			s := o.build(context.Background(), src.Seq(), concF)
			if after := concGoroutines(); after != before {
				t.Errorf("building %s: %d goroutines, had %d", o.name, after, before)
			}
			for i := 1; i <= 2; i++ {
				if got := len(streamtest.Collect(s)); got != 3 {
					t.Errorf("range %d over %s gave %d elements, want 3", i, o.name, got)
				}
				if starts, cleanups, _ := src.Stats(); starts != i || cleanups != i {
					t.Errorf("after range %d: source started %d times, cleaned up %d, want %d", i, starts, cleanups, i)
				}
			}
		})
	}
}

// TestConcurrentDoneBeforeStart checks that a done ctx yields its cause
// alone without starting the upstream.
func TestConcurrentDoneBeforeStart(t *testing.T) {
	cause := errors.New("gone")
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(cause)
	for _, o := range concOps() {
		t.Run(o.name, func(t *testing.T) {
			src := streamtest.NewSource(streamtest.Vals(1, 2, 3))
			f := func(context.Context, int) (int, error) {
				t.Error("f called")
				return 0, nil
			}
			got := streamtest.Collect(o.build(ctx, src.Seq(), f))
			want := []concElem{{Err: cause}}
			if diff := gocmp.Diff(want, got, concErrorsEqual); diff != "" {
				t.Errorf("%s with a done ctx (-want +got):\n%s", o.name, diff)
			}
			if starts, _, _ := src.Stats(); starts != 0 {
				t.Errorf("%s with a done ctx started the source %d times", o.name, starts)
			}
		})
	}
}

// TestConcurrentDropsCancelledErrors checks that errors f returns
// because the operator's ctx was cancelled are not passed on: the cause
// comes once, last.
func TestConcurrentDropsCancelledErrors(t *testing.T) {
	for _, o := range concOps() {
		t.Run(o.name, func(t *testing.T) {
			cause := errors.New("stop now")
			ctx, cancel := context.WithCancelCause(context.Background())
			defer cancel(nil)
			f := func(ctx context.Context, v int) (int, error) {
				if v >= 3 {
					<-ctx.Done()
					return 0, ctx.Err()
				}
				return v, nil
			}
			var got []concElem
			for v, err := range o.build(ctx, concCount(0, 1000), f) {
				got = append(got, concElem{V: v, Err: err})
				if len(got) == 2 {
					cancel(cause)
				}
			}
			if len(got) < 3 {
				t.Fatalf("%s: got %v, want the cause after the values", o.name, got)
			}
			last := got[len(got)-1]
			if last.Err != cause {
				t.Errorf("%s: last element %v, want the cause %v", o.name, last, cause)
			}
			for _, e := range got[:len(got)-1] {
				if e.Err != nil {
					t.Errorf("%s: got error element %v before the cause", o.name, e)
				}
			}
		})
	}
}

// TestConcurrentHugeN checks that a huge n costs memory only for the
// elements in flight.
func TestConcurrentHugeN(t *testing.T) {
	ctx := context.Background()
	in := concValues(1000)
	tests := []struct {
		name string
		s    iter.Seq2[int, error]
		want []concElem
	}{
		{"Buffer", seq.Buffer(ctx, concCount(0, 1000), math.MaxInt), in},
		{"MapConcurrent", seq.MapConcurrent(ctx, concCount(0, 1000), math.MaxInt, concF), concModelMap(in)},
		{"MapConcurrentWindow", seq.MapConcurrentWindow(ctx, concCount(0, 1000), math.MaxInt, math.MaxInt, concF), concModelMap(in)},
		{"Batch", concFlatten(seq.Batch(ctx, concCount(0, 1000), math.MaxInt, time.Hour)), in},
	}
	for _, tt := range tests {
		if diff := gocmp.Diff(tt.want, streamtest.Collect(tt.s), concErrorsEqual); diff != "" {
			t.Errorf("%s with n = MaxInt (-want +got):\n%s", tt.name, diff)
		}
	}
	for name, s := range map[string]iter.Seq2[int, error]{
		"MapConcurrentUnordered": seq.MapConcurrentUnordered(ctx, concCount(0, 1000), math.MaxInt, concF),
		"MapConcurrentByKey":     seq.MapConcurrentByKey(ctx, concCount(0, 1000), math.MaxInt, concKey, concF),
	} {
		got := concSorted(streamtest.Collect(s))
		if diff := gocmp.Diff(concSorted(concModelMap(in)), got, concErrorsEqual); diff != "" {
			t.Errorf("%s with n = MaxInt (-want +got):\n%s", name, diff)
		}
	}
}
