//go:build go1.25

package seq_test

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/itergen/itergen/seq"
)

// The tests in this file run in a synctest bubble: time moves only when
// every goroutine of the bubble is blocked, so the times are exact.

const tickD = 10 * time.Millisecond

var errTickStop = errors.New("test: enough ticks")

func TestTickEveryD(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		var got []time.Duration
		for now, err := range seq.Tick(context.Background(), tickD) {
			if err != nil {
				t.Fatalf("Tick yielded error %v", err)
			}
			if now != time.Now() {
				t.Errorf("tick %d carries %v, received at %v", len(got)+1, now, time.Now())
			}
			got = append(got, now.Sub(start))
			if len(got) == 4 {
				break
			}
		}
		want := []time.Duration{tickD, 2 * tickD, 3 * tickD, 4 * tickD}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Tick(%v) times (-want +got):\n%s", tickD, diff)
		}
	})
}

// slowConsumer records, for each of n ticks, when the consumer received it
// and the time it carries, both from the start; the consumer works for
// work after each tick.
type slowConsumer struct {
	start             time.Time
	work              time.Duration
	n                 int
	received, carried []time.Duration
}

// take records a tick and reports whether the consumer wants another.
func (c *slowConsumer) take(at time.Time) bool {
	c.received = append(c.received, time.Since(c.start))
	c.carried = append(c.carried, at.Sub(c.start))
	time.Sleep(c.work)
	return len(c.received) < c.n
}

func TestTickSlowConsumerAsTimeTicker(t *testing.T) {
	for _, work := range []time.Duration{tickD / 2, tickD * 5 / 2, tickD * 7} {
		t.Run(work.String(), func(t *testing.T) {
			const n = 5
			var want, got slowConsumer
			synctest.Test(t, func(t *testing.T) {
				want = slowConsumer{start: time.Now(), work: work, n: n}
				ticker := time.NewTicker(tickD)
				defer ticker.Stop()
				for want.take(<-ticker.C) {
				}
			})
			synctest.Test(t, func(t *testing.T) {
				got = slowConsumer{start: time.Now(), work: work, n: n}
				for now, err := range seq.Tick(context.Background(), tickD) {
					if err != nil {
						t.Fatalf("Tick yielded error %v", err)
					}
					if !got.take(now) {
						break
					}
				}
			})
			if diff := cmp.Diff(want.received, got.received); diff != "" {
				t.Errorf("Tick with %v of work per tick: received at (-time.Ticker +Tick):\n%s", work, diff)
			}
			if diff := cmp.Diff(want.carried, got.carried); diff != "" {
				t.Errorf("Tick with %v of work per tick: tick times (-time.Ticker +Tick):\n%s", work, diff)
			}
			if last := got.received[n-1]; work > tickD && last/tickD <= n {
				t.Errorf("a consumer slower than d received %d ticks in %v, want ticks dropped", n, last)
			}
		})
	}
}

func TestTickContext(t *testing.T) {
	tests := []struct {
		name     string
		cancelAt time.Duration // when ctx is cancelled, from the start; < 0 before the range
		inBody   int           // or: cancelled in the loop body after this many ticks
		wantOK   int           // ticks before the cause
		wantAt   time.Duration // when the cause arrives
	}{
		{"done before the range", -1, 0, 0, 0},
		{"between ticks", tickD*5/2 + time.Millisecond, 0, 2, tickD*5/2 + time.Millisecond},
		{"in the loop body", 0, 3, 3, 3 * tickD},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithCancelCause(context.Background())
				defer cancel(nil)
				switch {
				case tt.cancelAt < 0:
					cancel(errTickStop)
				case tt.cancelAt > 0:
					time.AfterFunc(tt.cancelAt, func() { cancel(errTickStop) })
				}
				start := time.Now()
				ok := 0
				var last error
				for _, err := range seq.Tick(ctx, tickD) {
					if last != nil {
						t.Fatalf("Tick yielded again after the error %v", last)
					}
					if err != nil {
						last = err
						if at := time.Since(start); at != tt.wantAt {
							t.Errorf("the cause came at %v, want %v", at, tt.wantAt)
						}
						continue
					}
					ok++
					if ok == tt.inBody {
						cancel(errTickStop)
					}
				}
				if ok != tt.wantOK || last != errTickStop {
					t.Errorf("Tick gave %d ticks, then %v; want %d, then %v", ok, last, tt.wantOK, errTickStop)
				}
			})
		})
	}
}

func TestTickEachRangeStartsAfresh(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := seq.Tick(context.Background(), tickD)
		for i := range 2 {
			start := time.Now()
			for now, err := range s {
				if err != nil {
					t.Fatal(err)
				}
				if at := now.Sub(start); at != tickD {
					t.Errorf("range %d: first tick after %v, want %v", i+1, at, tickD)
				}
				break
			}
		}
	})
}
