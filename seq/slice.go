package seq

import "iter"

// Take returns a stream of the first n values of s, with the error elements
// that come before the n-th value. Take stops s right after the n-th value
// without asking it for another element, so it ends over an infinite s.
// Take(s, 0) yields nothing and never starts s; an s with fewer than n
// values passes through whole.
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
// elements pass through also while values are being skipped, so an s with n
// values or fewer gives only its error elements.
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
// before that value pass through.
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
// it. Error elements pass through also while values are being skipped.
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
// shorter. Chunk never yields an empty slice. Each slice is new memory that
// the consumer may keep and modify.
//
// An error element first flushes the partial chunk gathered before it, if
// any, as a shorter slice, and then passes through with a nil slice; the
// next chunk starts after it.
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
