package collect_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/itergen/itergen/collect"
)

// TestForEachConcurrentGroups checks that n consecutive calls that each
// wait for all n of them to start run at once, wherever they come in the
// stream: no value waits behind a blocked call while a worker is free.
func TestForEachConcurrentGroups(t *testing.T) {
	for _, n := range []int{2, 3, 5, 16, 64, 65} {
		for _, at := range []int{0, 1, 37, 500} {
			t.Run(fmt.Sprintf("n=%d/at=%d", n, at), func(t *testing.T) {
				var arrived atomic.Int64
				all := make(chan struct{})
				f := func(_ context.Context, v int) error {
					if v >= at && v < at+n {
						if arrived.Add(1) == int64(n) {
							close(all)
						}
						<-all
					}
					return nil
				}
				if err := collect.ForEachConcurrent(context.Background(), fecCount(at+n+300), n, f); err != nil {
					t.Errorf("ForEachConcurrent = %v, want nil", err)
				}
			})
		}
	}
}

// TestForEachConcurrentStress runs many values through calls that return
// at once, yield the processor, wait for a later call or fail, and checks
// that no value is called twice, and every value once when none failed.
// Calls start in the order of the values, as with errgroup, so that a call
// waiting for one of the next n-1 values never deadlocks however many such
// calls there are; a design that let a worker keep values while another
// takes later ones fails here.
func TestForEachConcurrentStress(t *testing.T) {
	const total = 100_000
	errF := errors.New("f failed")
	for _, n := range []int{2, 4, 16} {
		t.Run(fmt.Sprintf("n=%d", n), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(n), 1))
			// Value v waits for value wait[v] to have started, a later
			// value within n-1 of it, so that n calls are enough.
			wait := make([]int, total)
			started := make([]chan struct{}, total)
			for v := range wait {
				wait[v] = -1
				started[v] = make(chan struct{})
				if rng.IntN(500) == 0 && v+n-1 < total {
					wait[v] = v + 1 + rng.IntN(n-1)
				}
			}
			failAt := -1
			if n == 4 {
				failAt = total / 2
			}
			calls := make([]atomic.Int32, total)
			f := func(ctx context.Context, v int) error {
				calls[v].Add(1)
				close(started[v])
				switch {
				case v == failAt:
					return errF
				case wait[v] >= 0:
					select {
					case <-started[wait[v]]:
					case <-ctx.Done(): // after the failure, it may never start
					}
				case v%13 == 0:
					runtime.Gosched()
				}
				return nil
			}
			err := collect.ForEachConcurrent(context.Background(), fecCount(total), n, f)
			want := error(nil)
			if failAt >= 0 {
				want = errF
			}
			if err != want {
				t.Fatalf("ForEachConcurrent = %v, want %v", err, want)
			}
			for v := range calls {
				c := calls[v].Load()
				// After a failure, the values claimed and not yet called
				// are dropped, wherever they are.
				if c > 1 || c == 0 && failAt < 0 {
					t.Fatalf("f(%d) called %d times", v, c)
				}
			}
		})
	}
}
