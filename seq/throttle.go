package seq

import (
	"context"
	"iter"
)

// Throttle returns a stream of the elements of s, in order, that waits
// lim.Wait(ctx) before passing each element on, error elements included.
// Any [Limiter] fits; a *rate.Limiter from golang.org/x/time/rate, for
// instance, lets at most r elements a second through with bursts of b:
//
//	lim := rate.NewLimiter(rate.Limit(r), b)
//	for v, err := range seq.Throttle(ctx, s, lim) {
//		...
//	}
//
// An empty s gives an empty stream, without a call of Wait; on an
// infinite s, Throttle goes on until the loop body stops. It starts no
// goroutine: s, lim.Wait and the loop body all run on the consumer's
// goroutine, so a panic in s or in Wait passes through unchanged, and the
// stream can be ranged again when s can.
//
// When the loop body stops early, s is stopped at once. When Wait returns
// an error the stream ends with it as its last element and stops s; if ctx
// is done by then, that element is [context.Cause](ctx) instead. When ctx
// is done, the stream yields context.Cause(ctx) as its last element; ctx is
// checked before s is started, before each element is handed over and
// when s ends.
//
// Throttle panics if ctx, s or lim is nil.
func Throttle[T any](ctx context.Context, s iter.Seq2[T, error], lim Limiter) iter.Seq2[T, error] {
	checkCtx("seq.Throttle", ctx)
	checkStream("seq.Throttle", s)
	if lim == nil {
		panic("seq.Throttle: nil limiter")
	}
	return func(yield func(T, error) bool) {
		var zero T
		if ctx.Err() != nil {
			yield(zero, context.Cause(ctx))
			return
		}
		for v, err := range s {
			werr := lim.Wait(ctx)
			if ctx.Err() != nil {
				yield(zero, context.Cause(ctx))
				return
			}
			if werr != nil {
				yield(zero, werr)
				return
			}
			if !yield(v, err) {
				return
			}
		}
		if ctx.Err() != nil {
			yield(zero, context.Cause(ctx))
		}
	}
}
