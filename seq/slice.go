package seq

import "iter"

// Take returns a stream of the first n values of s, with the error elements
// of s that come before the n-th value passing through unchanged in their
// positions; only values count towards n. Take stops s right after the n-th
// value without asking it for another element, so Take ends over an
// infinite s once it has n values. Take(s, 0) yields nothing and never
// starts s. An s with fewer than n values passes through whole.
//
// When the consumer stops, Take stops s at once. Take takes no context. It
// runs on the consumer's goroutine: a panic in s unwinds as it is. The
// result can be ranged again when s can; each range counts afresh.
//
// Take panics if s is nil or n is negative.
func Take[T any](s iter.Seq2[T, error], n int) iter.Seq2[T, error] {
	checkStream("seq.Take", s)
	if n < 0 {
		panic("seq.Take: n must not be negative")
	}
	return func(yield func(T, error) bool) {
		// Checked here rather than by returning an empty stream early: one
		// return statement keeps Take inlinable into a range statement.
		if n == 0 {
			return
		}
		left, more := n, true
		s(func(v T, err error) bool {
			if !more {
				yieldAgain("seq.Take")
			}
			if err == nil {
				left--
			}
			more = yield(v, err) && left > 0
			return more
		})
	}
}

// Skip returns a stream of the values of s after the first n. Error
// elements of s pass through unchanged in their positions, also while the
// first n values are being skipped; only values count towards n. An s with
// n values or fewer gives only its error elements.
//
// When the consumer stops, Skip stops s at once. Skip takes no context and
// ends when s ends, so over an infinite s it runs until the consumer stops.
// It runs on the consumer's goroutine: a panic in s unwinds as it is. The
// result can be ranged again when s can; each range counts afresh.
//
// Skip panics if s is nil or n is negative.
func Skip[T any](s iter.Seq2[T, error], n int) iter.Seq2[T, error] {
	checkStream("seq.Skip", s)
	if n < 0 {
		panic("seq.Skip: n must not be negative")
	}
	return func(yield func(T, error) bool) {
		left, more := n, true
		s(func(v T, err error) bool {
			if !more {
				yieldAgain("seq.Skip")
			}
			if err == nil && left > 0 {
				left--
				return true
			}
			more = yield(v, err)
			return more
		})
	}
}

// TakeWhile returns a stream of the values of s up to, not including, the
// first value v for which f(v) is false; there it stops s. Error elements
// of s before that value pass through unchanged in their positions; f is
// not called for them. An empty s gives an empty stream.
//
// When the consumer stops, TakeWhile stops s at once. TakeWhile takes no
// context; over an infinite s it ends at the first value f rejects, and runs
// until the consumer stops if there is none. It runs on the consumer's
// goroutine: a panic in s or f unwinds as it is. The result can be ranged
// again when s can; each range starts s afresh.
//
// TakeWhile panics if s or f is nil.
func TakeWhile[T any](s iter.Seq2[T, error], f func(T) bool) iter.Seq2[T, error] {
	checkStream("seq.TakeWhile", s)
	checkFunc("seq.TakeWhile", f == nil)
	return func(yield func(T, error) bool) {
		more := true
		s(func(v T, err error) bool {
			if !more {
				yieldAgain("seq.TakeWhile")
			}
			more = (err != nil || f(v)) && yield(v, err)
			return more
		})
	}
}

// SkipWhile returns a stream of the values of s from the first value v for
// which f(v) is false on, that value included; f is not called again after
// it. Error elements of s pass through unchanged in their positions, also
// while values are being skipped; f is not called for them. An empty s
// gives an empty stream.
//
// When the consumer stops, SkipWhile stops s at once. SkipWhile takes no
// context and ends when s ends: over an infinite s whose values f accepts
// forever, it yields only error elements and never ends. It runs on the
// consumer's goroutine: a panic in s or f unwinds as it is. The result can be
// ranged again when s can; each range starts skipping afresh.
//
// SkipWhile panics if s or f is nil.
func SkipWhile[T any](s iter.Seq2[T, error], f func(T) bool) iter.Seq2[T, error] {
	checkStream("seq.SkipWhile", s)
	checkFunc("seq.SkipWhile", f == nil)
	return func(yield func(T, error) bool) {
		skipping, more := true, true
		s(func(v T, err error) bool {
			if !more {
				yieldAgain("seq.SkipWhile")
			}
			if err == nil && skipping {
				if f(v) {
					return true
				}
				skipping = false
			}
			more = yield(v, err)
			return more
		})
	}
}

// maxChunkPrealloc bounds the capacity Chunk reserves for a new chunk, so a
// large n does not reserve memory the stream may never fill.
const maxChunkPrealloc = 1024

// Chunk returns a stream of the values of s gathered into consecutive
// slices of n values each; the last slice holds what is left and may be
// shorter. Each slice is new memory that the consumer may keep and modify.
// An empty s gives an empty stream: Chunk never yields an empty slice.
//
// An error element of s first flushes the partial chunk gathered before it,
// if any, as a shorter slice, and then passes through unchanged (with a nil
// slice) in its position; the next chunk starts after it. When the consumer
// stops, Chunk stops s at once. Chunk takes no context and ends when s ends,
// so over an infinite s it runs until the consumer stops. It runs on the
// consumer's goroutine: a panic in s unwinds as it is. The result can be
// ranged again when s can; each range starts afresh.
//
// Chunk panics if s is nil or n is less than 1.
func Chunk[T any](s iter.Seq2[T, error], n int) iter.Seq2[[]T, error] {
	checkStream("seq.Chunk", s)
	if n < 1 {
		panic("seq.Chunk: n must be at least 1")
	}
	return func(yield func([]T, error) bool) {
		var chunk []T
		more := true
		flush := func() bool {
			c := chunk
			chunk = nil
			more = yield(c, nil)
			return more
		}
		s(func(v T, err error) bool {
			if !more {
				yieldAgain("seq.Chunk")
			}
			if err == nil {
				if chunk == nil {
					chunk = make([]T, 0, min(n, maxChunkPrealloc))
				}
				chunk = append(chunk, v)
				return len(chunk) < n || flush()
			}
			if len(chunk) > 0 && !flush() {
				return false
			}
			more = yield(nil, err)
			return more
		})
		// Every yield above follows a flush, so chunk holds values only
		// when s ended on its own.
		if len(chunk) > 0 {
			yield(chunk, nil)
		}
	}
}
