//go:build go1.25

package seq_test

import (
	"context"
	"errors"
	"iter"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/itergen/itergen/seq"
)

type flatAt struct {
	V  int
	At time.Duration
}

// flatTimedInner is inner stream i of the timing tests: values 10i,
// 10i+1, 10i+2, each after a wait of gaps[i], honouring ctx.
func flatTimedInner(gaps []time.Duration) func(context.Context, int) iter.Seq2[int, error] {
	return func(ctx context.Context, i int) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			for k := range 3 {
				select {
				case <-time.After(gaps[i]):
				case <-ctx.Done():
					return
				}
				if !yield(10*i+k, nil) {
					return
				}
			}
		}
	}
}

// TestFlatMapConcurrentTimes checks when the elements come: the ordered
// form hands over the head's elements as they come and a later stream's
// elements, made meanwhile, as soon as it becomes the head; the unordered
// form hands each over as it comes.
func TestFlatMapConcurrentTimes(t *testing.T) {
	gaps := []time.Duration{ms(7), ms(2), ms(5)} // no two elements at once
	tests := []struct {
		name string
		op   func(context.Context, iter.Seq2[int, error], int, func(context.Context, int) iter.Seq2[int, error]) iter.Seq2[int, error]
		want []flatAt
	}{
		{"FlatMapConcurrent", seq.FlatMapConcurrent[int, int], []flatAt{
			{0, ms(7)}, {1, ms(14)}, {2, ms(21)},
			{10, ms(21)}, {11, ms(21)}, {12, ms(21)},
			{20, ms(21)}, {21, ms(21)}, {22, ms(21)},
		}},
		{"FlatMapConcurrentUnordered", seq.FlatMapConcurrentUnordered[int, int], []flatAt{
			{10, ms(2)}, {11, ms(4)}, {20, ms(5)}, {12, ms(6)}, {0, ms(7)},
			{21, ms(10)}, {1, ms(14)}, {22, ms(15)}, {2, ms(21)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx := context.Background()
				start := time.Now()
				var got []flatAt
				for v, err := range tt.op(ctx, concCount(0, 3), 3, flatTimedInner(gaps)) {
					if err != nil {
						t.Fatalf("%s: unexpected error %v", tt.name, err)
					}
					got = append(got, flatAt{v, time.Since(start)})
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("%s: elements and times (-want +got):\n%s", tt.name, diff)
				}
			})
		})
	}
}

// TestFlatMapConcurrentDeadline checks that a deadline ends the stream
// when it passes, with its cause once, and stops every inner stream: the
// bubble ends only when every goroutine has exited.
func TestFlatMapConcurrentDeadline(t *testing.T) {
	for _, o := range flatOps {
		t.Run(o.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithTimeout(context.Background(), ms(10))
				defer cancel()
				forever := func(ctx context.Context, i int) iter.Seq2[int, error] {
					return func(yield func(int, error) bool) {
						for {
							select {
							case <-time.After(ms(3)):
							case <-ctx.Done():
								yield(0, ctx.Err()) // dropped: the cause comes instead
								return
							}
							if !yield(i, nil) {
								return
							}
						}
					}
				}
				start := time.Now()
				var errs []error
				values := 0
				for _, err := range o.build(ctx, concCount(0, 1000), 2, forever) {
					if err != nil {
						errs = append(errs, err)
						continue
					}
					values++
				}
				if len(errs) != 1 || !errors.Is(errs[0], context.DeadlineExceeded) {
					t.Errorf("%s past its deadline gave errors %v, want DeadlineExceeded once", o.name, errs)
				}
				if d := time.Since(start); d != ms(10) {
					t.Errorf("%s ended after %v, want 10ms", o.name, d)
				}
				// Two streams yield at 3, 6 and 9 ms; the ordered form hands
				// over only the head's.
				want := 6
				if o.ordered {
					want = 3
				}
				if values != want {
					t.Errorf("%s gave %d values before the deadline, want %d", o.name, values, want)
				}
			})
		})
	}
}
