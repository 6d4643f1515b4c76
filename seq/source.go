package seq

import (
	"context"
	"fmt"
	"iter"
)

// Of returns a stream of the values vs, in order, with no error elements;
// Of() is the empty stream. Of does not copy vs, so a range sees the slice
// as it is when the range runs. Of never panics.
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
// elements.
//
// From panics if s is nil.
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
// stream but finds a bad argument before it can start one. Every range
// yields err again.
//
// Fail panics if err is nil.
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
// cursor is passed over. fetch is called one page at a time, on the
// consumer's goroutine, with the ctx given to Paginate; each range fetches
// every page again, from first.
//
// A fetch error ends the stream: the items fetch returned together with it
// are yielded first, then the error, wrapped as
// "seq.Paginate: fetch page N: err" with pages numbered from 1, so
// [errors.Is] and [errors.As] still see err.
//
// Paginate also checks ctx before each fetch. Once ctx is done no further
// fetch is made, and an error that the page in hand returned, most likely
// because of ctx, is replaced by [context.Cause](ctx).
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
// The stream consumes ch, so it is single use: a second range goes on
// receiving where the first stopped, and two ranges at once share the
// values between them.
//
// FromChan receives on the consumer's goroutine and checks ctx before each
// receive as well; a value that arrives in the moment ctx is found done is
// dropped. When the consumer stops, FromChan leaves ch as it is: values
// still in it are not drained, and a sender blocked on it stays blocked
// until someone else receives or the sender gives up (cancel the context
// the sender watches).
//
// FromChan panics if ctx is nil.
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
