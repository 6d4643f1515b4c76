//go:build go1.25

package seq_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

// TestMapConcurrentByKeyTimes checks that the calls of one key run one
// after the other and those of different keys side by side, up to n.
func TestMapConcurrentByKeyTimes(t *testing.T) {
	tests := []struct {
		name    string
		keys    int // value v has key v % keys
		n       int
		end     time.Duration
		running int64 // calls at once, at most
	}{
		{"one key", 1, 4, ms(200), 1},
		{"4 keys, n=8", 4, 8, ms(50), 4},
		{"8 keys, n=4", 8, 4, ms(50), 4},
		{"20 keys, n=20", 20, 20, ms(10), 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				g := &concGauge{}
				f := func(_ context.Context, v int) (int, error) {
					g.enter()
					defer g.leave()
					time.Sleep(ms(10))
					return v, nil
				}
				key := func(v int) int { return v % tt.keys }
				start := time.Now()
				got := streamtest.Collect(seq.MapConcurrentByKey(context.Background(), concCount(0, 20), tt.n, key, f))
				if d := time.Since(start); d != tt.end {
					t.Errorf("MapConcurrentByKey(%s): 20 calls of 10ms took %v, want %v", tt.name, d, tt.end)
				}
				if m := g.max.Load(); m != tt.running {
					t.Errorf("MapConcurrentByKey(%s): %d calls at once, want %d", tt.name, m, tt.running)
				}
				concCheckKeyOrder(t, concValues(20), got, key)
			})
		})
	}
}

// TestMapConcurrentByKeyErrorsPassOn checks that an error element of s is
// passed on as it arrives, ahead of the results of calls still running.
func TestMapConcurrentByKeyErrorsPassOn(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		src := streamtest.NewSource([]concElem{{V: 0}, streamtest.Err[int](streamtest.ErrA), {V: 1}})
		f := func(_ context.Context, v int) (int, error) {
			if v == 0 {
				time.Sleep(time.Second)
			} else {
				time.Sleep(time.Millisecond)
			}
			return v, nil
		}
		type at struct {
			E  concElem
			At time.Duration
		}
		start := time.Now()
		var got []at
		for v, err := range seq.MapConcurrentByKey(context.Background(), src.Seq(), 4, concKey, f) {
			got = append(got, at{concElem{V: v, Err: err}, time.Since(start)})
		}
		want := []at{{streamtest.Err[int](streamtest.ErrA), 0}, {concElem{V: 1}, ms(1)}, {concElem{V: 0}, time.Second}}
		if diff := cmp.Diff(want, got, concErrorsEqual); diff != "" {
			t.Errorf("MapConcurrentByKey elements and times (-want +got):\n%s", diff)
		}
	})
}

// TestMapConcurrentByKeyHotKey checks what the documented bound does when
// one key fills it: the values of the hot key (1ms each) run one at a
// time, and a value of another key further on in s is taken only when the
// elements held drop below max(4n, 64) = 64: here after 17 results.
func TestMapConcurrentByKeyHotKey(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const hot, total = 80, 100
		var firstOther atomic.Int64
		firstOther.Store(-1)
		start := time.Now()
		f := func(_ context.Context, v int) (int, error) {
			switch {
			case v < hot:
				time.Sleep(time.Millisecond)
			case v == hot:
				firstOther.Store(int64(time.Since(start)))
			}
			return v, nil
		}
		key := func(v int) int {
			if v < hot {
				return -1
			}
			return v
		}
		got := streamtest.Collect(seq.MapConcurrentByKey(context.Background(), concCount(0, total), 4, key, f))
		if d := time.Since(start); d != ms(hot) {
			t.Errorf("MapConcurrentByKey: %d values of one key took %v, want %v", hot, d, ms(hot))
		}
		if d := time.Duration(firstOther.Load()); d != ms(17) {
			t.Errorf("MapConcurrentByKey: the first value of another key started at %v, want 17ms", d)
		}
		concCheckKeyOrder(t, concValues(total), got, key)
	})
}

// TestMapConcurrentByKeyCancelWhileWaiting checks that values waiting for
// their key do not hold up a cancellation.
func TestMapConcurrentByKeyCancelWhileWaiting(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cause := errors.New("enough")
		ctx, cancel := context.WithCancelCause(context.Background())
		defer cancel(nil)
		time.AfterFunc(ms(15), func() { cancel(cause) })
		f := func(ctx context.Context, v int) (int, error) {
			select {
			case <-time.After(ms(10)):
				return v, nil
			case <-ctx.Done():
				return 0, ctx.Err()
			}
		}
		start := time.Now()
		got := streamtest.Collect(seq.MapConcurrentByKey(ctx, concCount(0, 100), 4, func(int) int { return 0 }, f))
		want := append(streamtest.Vals(0), streamtest.Err[int](cause))
		if diff := cmp.Diff(want, got, concErrorsEqual); diff != "" {
			t.Errorf("MapConcurrentByKey cancelled (-want +got):\n%s", diff)
		}
		if d := time.Since(start); d != ms(15) {
			t.Errorf("MapConcurrentByKey ended %v after the start, want at the cancel (15ms)", d)
		}
	})
}
