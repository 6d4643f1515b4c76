package seq

import (
	"context"
	"iter"
	"time"
)

// Tick returns a stream of the times a [time.Ticker] with period d delivers,
// one every d: the first after d, and when the consumer is slower than d,
// the ticks in between are dropped as a time.Ticker drops them. It never
// ends by itself: when ctx is done it yields [context.Cause](ctx) at once,
// not at the next tick, and ends.
//
// Each range starts a new ticker, stopped when the range ends; Tick starts
// no goroutine.
//
// Tick panics if ctx is nil or d is not positive.
func Tick(ctx context.Context, d time.Duration) iter.Seq2[time.Time, error] {
	checkCtx("seq.Tick", ctx)
	if d <= 0 {
		panic("seq.Tick: non-positive interval")
	}
	return func(yield func(time.Time, error) bool) {
		if ctx.Err() != nil {
			yield(time.Time{}, context.Cause(ctx))
			return
		}
		ticker := time.NewTicker(d)
		defer ticker.Stop()
		done := ctx.Done()
		for {
			select {
			case <-done:
				yield(time.Time{}, context.Cause(ctx))
				return
			case now := <-ticker.C:
				if ctx.Err() != nil {
					yield(time.Time{}, context.Cause(ctx))
					return
				}
				if !yield(now, nil) {
					return
				}
			}
		}
	}
}
