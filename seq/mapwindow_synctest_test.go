//go:build go1.25

package seq_test

import (
	"context"
	"fmt"
	"iter"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/itergen/itergen/seq"
)

// concWindow4n is MapConcurrentWindow with a window of 4n, for the tables
// of map operators.
func concWindow4n(ctx context.Context, s iter.Seq2[int, error], n int, f func(context.Context, int) (int, error)) iter.Seq2[int, error] {
	return seq.MapConcurrentWindow(ctx, s, n, 4*n, f)
}

// concByKeyIdentity is MapConcurrentByKey with each value its own key.
func concByKeyIdentity(ctx context.Context, s iter.Seq2[int, error], n int, f func(context.Context, int) (int, error)) iter.Seq2[int, error] {
	return seq.MapConcurrentByKey(ctx, s, n, func(v int) int { return v }, f)
}

// TestMapConcurrentWindowKeepsWindowFull checks that while a slow head
// call runs, MapConcurrentWindow takes and runs the elements after it, n
// calls at a time, until window elements are held, and no further: 100
// calls of 1ms behind a first call of 1s, n = 4.
func TestMapConcurrentWindowKeepsWindowFull(t *testing.T) {
	tests := []struct {
		window   int
		started  int64 // calls started while the head runs
		returned int64 // calls returned while the head runs
		end      time.Duration
	}{
		// 3 results behind the head; the other 96 calls after it, 4 a ms.
		{4, 4, 3, ms(1024)},
		// 15 results behind the head; 84 calls after it.
		{16, 16, 15, ms(1021)},
		// Everything runs behind the head: 99 calls on 3 workers, 33ms.
		{128, 100, 99, ms(1000)},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("window=%d", tt.window), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var started, returned atomic.Int64
				f := func(_ context.Context, v int) (int, error) {
					started.Add(1)
					defer returned.Add(1)
					if v == 0 {
						time.Sleep(time.Second)
					} else {
						time.Sleep(time.Millisecond)
					}
					return v, nil
				}
				var midStarted, midReturned atomic.Int64
				time.AfterFunc(ms(500), func() {
					midStarted.Store(started.Load())
					midReturned.Store(returned.Load())
				})
				start := time.Now()
				next := 0
				for v, err := range seq.MapConcurrentWindow(context.Background(), concCount(0, 100), 4, tt.window, f) {
					if err != nil || v != next {
						t.Fatalf("element %d is (%d, %v), want (%d, nil)", next, v, err, next)
					}
					next++
				}
				if d := time.Since(start); next != 100 || d != tt.end {
					t.Errorf("MapConcurrentWindow(n=4, window=%d): %d results in %v, want 100 in %v", tt.window, next, d, tt.end)
				}
				if s, r := midStarted.Load(), midReturned.Load(); s != tt.started || r != tt.returned {
					t.Errorf("MapConcurrentWindow(n=4, window=%d): while the head ran, %d calls started and %d returned, want %d and %d",
						tt.window, s, r, tt.started, tt.returned)
				}
			})
		})
	}
}

// TestConcurrentBreakCancelsF checks that breaking out of the loop cancels
// the context of the calls of f in progress, which here wait for it: the
// range statement returns at once, after every call has seen the
// cancellation.
func TestConcurrentBreakCancelsF(t *testing.T) {
	for _, o := range concOps() {
		if !o.usesF {
			continue
		}
		t.Run(o.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var started, cancelled atomic.Int64
				f := func(ctx context.Context, v int) (int, error) {
					if v == 0 {
						return v, nil
					}
					started.Add(1)
					<-ctx.Done()
					cancelled.Add(1)
					return 0, ctx.Err()
				}
				start := time.Now()
				for v, err := range o.build(context.Background(), concCount(0, 100), f) {
					if v != 0 || err != nil {
						t.Errorf("%s: first element (%d, %v), want (0, nil)", o.name, v, err)
					}
					synctest.Wait() // let the other calls start and block
					break
				}
				if d := time.Since(start); d != 0 {
					t.Errorf("%s: the range returned %v after the break, want at once", o.name, d)
				}
				if s, c := started.Load(), cancelled.Load(); s == 0 || c != s {
					t.Errorf("%s: %d calls started, %d saw their context cancelled, want all of at least one", o.name, s, c)
				}
			})
		})
	}
}
