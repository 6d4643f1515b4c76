package seq

import (
	"context"
	"fmt"
	"iter"
)

// Of returns a stream of the values vs, in order, with no error elements.
// Of() is the empty stream.
//
// Breaking out of the loop stops it at once. The stream is re-iterable: each
// range starts again from the first value. Of does not copy vs, so a range
// sees the slice as it is when the range runs. Of never panics.
func Of[T any](vs ...T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for _, v := range vs {
			if !yield(v, nil) {
				return
			}
		}
	}
}

// From returns a stream of the values of s, in order, with no error
// elements. It is empty when s is, and it ends when s ends, so over an
// infinite s it ends only when the consumer breaks out of the loop; a break
// stops s at once.
//
// Each range of the stream ranges s again: it is re-iterable when s is, and
// single use when s is. From panics if s is nil.
func From[T any](s iter.Seq[T]) iter.Seq2[T, error] {
	if s == nil {
		panic("seq.From: nil stream")
	}
	return func(yield func(T, error) bool) {
		for v := range s {
			if !yield(v, nil) {
				return
			}
		}
	}
}

// Fail returns a stream of one element: the error err. It reports a failure
// where a stream is expected, for example from a function that returns a
// stream but finds a bad argument before it can start one.
//
// The stream is re-iterable: every range yields err again. Fail panics if
// err is nil.
func Fail[T any](err error) iter.Seq2[T, error] {
	if err == nil {
		panic("seq.Fail: nil error")
	}
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

// Paginate returns a stream of the items of a paged listing: the HTTP
// pagination loop. It calls fetch(ctx, first), yields the items of that page
// in order, then calls fetch with the next cursor the page returned, and so
// on, until a page returns the zero C as its next cursor. fetch(first) is
// always called, even when first is the zero C. A first page with no items
// and the zero next cursor gives the empty stream; an empty page with a next
// cursor is passed over. fetch runs on the consumer's goroutine, one
// page at a time, with the ctx given to Paginate; a panic in fetch unwinds
// through the loop as it is.
//
// A fetch error ends the stream: the items fetch returned together with it
// are yielded first, then the error, wrapped as
// "seq.Paginate: fetch page N: err" with pages numbered from 1, so
// [errors.Is] and [errors.As] still see err.
//
// Paginate checks ctx before each fetch and before handing over each item or
// error. Once ctx is done it yields [context.Cause](ctx) once and ends: no
// further fetch is made, and an error that the page in hand returned, most
// likely because of ctx, is replaced by the cause.
//
// When the consumer breaks out of the loop, fetch is not called again. A
// listing whose pages never return the zero cursor is infinite: it ends when
// the consumer breaks or ctx is done. The stream is re-iterable: each range
// starts afresh from first and fetches every page again.
//
// Paginate panics if ctx or fetch is nil.
func Paginate[T any, C comparable](ctx context.Context, first C,
	fetch func(ctx context.Context, cursor C) (items []T, next C, err error)) iter.Seq2[T, error] {
	checkCtx("seq.Paginate", ctx)
	checkFunc("seq.Paginate", fetch == nil)
	return func(yield func(T, error) bool) {
		var (
			zeroT T
			zeroC C
		)
		cursor := first
		for page := 1; ; page++ {
			if ctx.Err() != nil {
				yield(zeroT, context.Cause(ctx))
				return
			}
			items, next, err := fetch(ctx, cursor)
			for _, v := range items {
				if ctx.Err() != nil {
					yield(zeroT, context.Cause(ctx))
					return
				}
				if !yield(v, nil) {
					return
				}
			}
			if err != nil {
				if ctx.Err() != nil {
					err = context.Cause(ctx)
				} else {
					err = fmt.Errorf("seq.Paginate: fetch page %d: %w", page, err)
				}
				yield(zeroT, err)
				return
			}
			if next == zeroC {
				return
			}
			cursor = next
		}
	}
}

// FromChan returns a stream of the values received from ch, in order, until
// ch is closed. A closed, empty channel gives the empty stream; a nil channel
// gives no values and blocks until ctx is done (for ever if it never is).
//
// FromChan checks ctx before each receive and again before handing over
// each value it received: when ctx is done it yields [context.Cause](ctx)
// once and ends. If a value arrives in the same moment that ctx is found
// done, that value is dropped, not handed over.
//
// When the consumer breaks out of the loop, FromChan stops receiving and
// leaves the channel as it is: values still in it are not drained, and a
// sender blocked on it stays blocked until someone else receives or the
// sender gives up (cancel the context the sender watches). FromChan starts
// no goroutines; it receives on the consumer's goroutine.
//
// The stream consumes the channel, so it is single use: a second range goes
// on receiving where the first stopped, and two ranges at once share the
// values between them. FromChan panics if ctx is nil.
func FromChan[T any](ctx context.Context, ch <-chan T) iter.Seq2[T, error] {
	checkCtx("seq.FromChan", ctx)
	return func(yield func(T, error) bool) {
		var zero T
		done := ctx.Done()
		for {
			if ctx.Err() != nil {
				yield(zero, context.Cause(ctx))
				return
			}
			select {
			case <-done:
				yield(zero, context.Cause(ctx))
				return
			case v, ok := <-ch:
				if !ok {
					return
				}
				if ctx.Err() != nil {
					yield(zero, context.Cause(ctx))
					return
				}
				if !yield(v, nil) {
					return
				}
			}
		}
	}
}
