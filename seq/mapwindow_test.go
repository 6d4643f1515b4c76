package seq_test

import (
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/itergen/itergen/seq"
)

// TestMapConcurrentWindowBound checks the two limits of
// MapConcurrentWindow: n calls of f at once when they can (the first n
// calls wait for each other), never more; and window elements taken from s
// and not yet handed over, never more, which s reaches while the loop body
// waits.
func TestMapConcurrentWindowBound(t *testing.T) {
	tests := []struct{ n, window int }{{1, 1}, {1, 8}, {3, 3}, {3, 12}, {8, 128}}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("n=%d,window=%d", tt.n, tt.window), func(t *testing.T) {
			const total = 500
			var produced atomic.Int64
			g := &concGauge{}
			first := newConcBarrier(tt.n)
			f := func(_ context.Context, v int) (int, error) {
				g.enter()
				defer g.leave()
				if v < tt.n {
					first.wait()
				} else if v%7 == 0 {
					runtime.Gosched()
				}
				return v, nil
			}
			received := int64(0)
			for v, err := range seq.MapConcurrentWindow(context.Background(), concCounted(total, &produced), tt.n, tt.window, f) {
				if err != nil || v != int(received) {
					t.Fatalf("MapConcurrentWindow: element %d is (%d, %v), want (%d, nil)", received, v, err, received)
				}
				received++
				if p := produced.Load(); p-received > int64(tt.window) {
					t.Fatalf("MapConcurrentWindow(n=%d, window=%d): %d produced, %d handed over: more than window held", tt.n, tt.window, p, received)
				}
				// s must get as far ahead as the window lets it, and no further.
				for want := min(received+int64(tt.window), total); produced.Load() < want; {
					runtime.Gosched()
				}
			}
			if received != total {
				t.Errorf("MapConcurrentWindow(n=%d, window=%d) handed over %d elements, want %d", tt.n, tt.window, received, total)
			}
			if max := g.max.Load(); max != int64(tt.n) {
				t.Errorf("MapConcurrentWindow(n=%d, window=%d): at most %d calls of f at once, want exactly n", tt.n, tt.window, max)
			}
		})
	}
}
