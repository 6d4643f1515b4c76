package seq

import (
	"context"
	"errors"
	"iter"
	"strings"
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
// Throttle starts no goroutine: s, lim.Wait and the loop body run on the
// consumer's goroutine, so a panic in s or in Wait passes through unchanged.
// An empty s gives an empty stream without a call of Wait. An error of Wait
// ends the stream as its last element, or [context.Cause](ctx) instead if
// ctx is done by then; ctx is also checked when s ends.
//
// A limiter may refuse at once a wait that would last past ctx's deadline,
// as *rate.Limiter does: Throttle does not sit the deadline out either.
// When ctx has a deadline and the error of Wait speaks of a deadline, the
// last element keeps the limiter's message and matches
// [context.DeadlineExceeded] ([errors.Is]), as the error of a wait that
// ran into the deadline would.
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
				yield(zero, deadlineRefusal(ctx, werr))
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

// deadlineRefusal returns err, the error of a limiter's Wait that returned
// before ctx was done, made to match context.DeadlineExceeded when it
// refused a wait that would pass ctx's deadline. Limiters say so only in
// words ("rate: Wait(n=1) would exceed context deadline"), hence the look
// at the message, made only when ctx has a deadline.
func deadlineRefusal(ctx context.Context, err error) error {
	if _, ok := ctx.Deadline(); !ok || errors.Is(err, context.DeadlineExceeded) ||
		!strings.Contains(err.Error(), "deadline") {
		return err
	}
	return deadlineError{err}
}

// A deadlineError is a limiter's refusal to wait past a deadline.
type deadlineError struct{ err error }

func (e deadlineError) Error() string   { return e.err.Error() }
func (e deadlineError) Unwrap() []error { return []error{e.err, context.DeadlineExceeded} }
