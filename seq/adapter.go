package seq

import (
	"context"
	"iter"
)

// Values returns a plain iterator over the values of s, for code that takes
// an [iter.Seq], such as [slices.Collect]. It stops at the first error
// element of s, stops s, and stores that error in *errp. When s has no error
// element, or the consumer breaks out of the loop first, *errp is left
// untouched, so set it to nil before ranging again.
//
// Values panics if s or errp is nil.
func Values[T any](s iter.Seq2[T, error], errp *error) iter.Seq[T] {
	checkStream("seq.Values", s)
	if errp == nil {
		panic("seq.Values: nil error pointer")
	}
	return func(yield func(T) bool) {
		for v, err := range s {
			if err != nil {
				*errp = err
				return
			}
			if !yield(v) {
				return
			}
		}
	}
}

// WithContext returns s bounded by ctx: the elements of s, values and errors
// as they are, until ctx is done; then it yields [context.Cause](ctx) once
// and ends, stopping s. It checks ctx before it starts s, before handing
// over each element and when s ends, so an s that stops early because ctx
// was cancelled does not look complete. The empty s gives the empty stream
// only while ctx is live.
//
// WithContext cannot interrupt s: it sees ctx only between elements, so an
// s blocked inside its own work is waited for. Build s with the same ctx to
// end it sooner.
//
// WithContext panics if ctx or s is nil.
func WithContext[T any](ctx context.Context, s iter.Seq2[T, error]) iter.Seq2[T, error] {
	checkCtx("seq.WithContext", ctx)
	checkStream("seq.WithContext", s)
	return func(yield func(T, error) bool) {
		var zero T
		if ctx.Err() != nil {
			yield(zero, context.Cause(ctx))
			return
		}
		for v, err := range s {
			if ctx.Err() != nil {
				yield(zero, context.Cause(ctx))
				return
			}
			if !yield(v, err) {
				return
			}
		}
		// An s that ended because ctx was cancelled must not look complete.
		if ctx.Err() != nil {
			yield(zero, context.Cause(ctx))
		}
	}
}

// YieldFrom passes every element of s, values and errors alike, to yield,
// in order, and reports whether the consumer wants more. It returns true
// when s ended (at once for the empty s) and false when yield returned
// false; s is then stopped, and the producer that called YieldFrom must
// return without calling yield again.
//
// YieldFrom is Python's `yield from` for producers written as functions
// that return a stream. Python's asynchronous generators have no
// `async yield from` (PEP 525), so there a producer writes
// `async for x in sub: yield x`; in Go that loop, with the stop check that
// range-over-func needs, is
//
//	if !seq.YieldFrom(yield, sub) {
//		return
//	}
//
// YieldFrom ranges s once, on the caller's goroutine, and does not look at
// any context: wrap s with [WithContext] for that. It panics if yield or s
// is nil, and, with "seq.YieldFrom: s called yield again after it returned
// false", if s calls yield again after it returned false.
func YieldFrom[T any](yield func(T, error) bool, s iter.Seq2[T, error]) bool {
	checkFunc("seq.YieldFrom", yield == nil)
	checkStream("seq.YieldFrom", s)
	// A direct call rather than a range statement: a range over an unknown
	// s heap-allocates its loop state on every call, and producers often
	// call YieldFrom once per element of their own (a tree walk, say).
	more := true
	s(func(v T, err error) bool {
		if !more {
			panic("seq.YieldFrom: s called yield again after it returned false")
		}
		more = yield(v, err)
		return more
	})
	return more
}
