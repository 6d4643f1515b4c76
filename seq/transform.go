package seq

import "iter"

// The synchronous transforms run on the consumer's goroutine and call s with
// a yield function of their own, built once per range, rather than ranging
// over s: that keeps each element to a few calls with no allocation and no
// per-element bookkeeping. Each returns its func literal from a single
// return statement and keeps it small: the compiler can then inline a whole
// pipeline written in a range statement, such as
// Take(Filter(Map(s, f), keep), n), into the loop (BenchmarkPipeline).

// Map returns a stream of f(v) for each value v of s, in order.
//
// Map panics if s or f is nil.
func Map[T, U any](s iter.Seq2[T, error], f func(T) U) iter.Seq2[U, error] {
	checkStream("seq.Map", s)
	checkFunc("seq.Map", f == nil)
	return func(yield func(U, error) bool) {
		more := true
		s(func(v T, err error) bool {
			if !more {
				yieldAgain("seq.Map")
			}
			if err != nil {
				var zero U
				more = yield(zero, err)
			} else {
				more = yield(f(v), nil)
			}
			return more
		})
	}
}

// TryMap returns a stream of f(v) for each value v of s, in order, for an f
// that can fail: when f returns an error, the element is (zero U, err), the
// value f returned with it is dropped, and the stream goes on.
//
// TryMap panics if s or f is nil.
func TryMap[T, U any](s iter.Seq2[T, error], f func(T) (U, error)) iter.Seq2[U, error] {
	checkStream("seq.TryMap", s)
	checkFunc("seq.TryMap", f == nil)
	return func(yield func(U, error) bool) {
		more := true
		s(func(v T, err error) bool {
			if !more {
				yieldAgain("seq.TryMap")
			}
			var zero U
			if err != nil {
				more = yield(zero, err)
			} else if u, ferr := f(v); ferr != nil {
				more = yield(zero, ferr)
			} else {
				more = yield(u, nil)
			}
			return more
		})
	}
}

// Filter returns a stream of the values v of s for which keep(v) is true,
// in order; error elements always pass.
//
// Filter panics if s or keep is nil.
func Filter[T any](s iter.Seq2[T, error], keep func(T) bool) iter.Seq2[T, error] {
	checkStream("seq.Filter", s)
	checkFunc("seq.Filter", keep == nil)
	return func(yield func(T, error) bool) {
		more := true
		s(func(v T, err error) bool {
			if !more {
				yieldAgain("seq.Filter")
			}
			if err != nil || keep(v) {
				more = yield(v, err)
			}
			return more
		})
	}
}

// Scan returns a stream of running accumulations: for each value v of s it
// sets acc = f(acc, v), starting from init, and yields acc. It yields one
// accumulator per value and never init by itself, so an empty s gives an
// empty stream. Error elements leave the accumulator as it is; each range
// starts again from init.
//
// Scan panics if s or f is nil.
func Scan[T, A any](s iter.Seq2[T, error], init A, f func(A, T) A) iter.Seq2[A, error] {
	checkStream("seq.Scan", s)
	checkFunc("seq.Scan", f == nil)
	return func(yield func(A, error) bool) {
		acc, more := init, true
		s(func(v T, err error) bool {
			if !more {
				yieldAgain("seq.Scan")
			}
			if err != nil {
				var zero A
				more = yield(zero, err)
			} else {
				acc = f(acc, v)
				more = yield(acc, nil)
			}
			return more
		})
	}
}

// Tap returns a stream of the elements of s, unchanged, that calls f with
// each value just before passing it on: for logging, metrics and the like.
// f sees exactly the values the consumer gets.
//
// Tap panics if s or f is nil.
func Tap[T any](s iter.Seq2[T, error], f func(T)) iter.Seq2[T, error] {
	checkStream("seq.Tap", s)
	checkFunc("seq.Tap", f == nil)
	return func(yield func(T, error) bool) {
		more := true
		s(func(v T, err error) bool {
			if !more {
				yieldAgain("seq.Tap")
			}
			if err == nil {
				f(v)
			}
			more = yield(v, err)
			return more
		})
	}
}

// StopOnError returns a stream of the elements of s up to and including its
// first error element, which is the last element: after it StopOnError
// stops s. A stream without errors passes through whole.
//
// StopOnError panics if s is nil.
func StopOnError[T any](s iter.Seq2[T, error]) iter.Seq2[T, error] {
	checkStream("seq.StopOnError", s)
	return func(yield func(T, error) bool) {
		more := true
		s(func(v T, err error) bool {
			if !more {
				yieldAgain("seq.StopOnError")
			}
			more = yield(v, err) && err == nil
			return more
		})
	}
}

// Compact returns a stream of the values of s with consecutive duplicates
// dropped: a value equal (==) to the last value passed on is skipped. Error
// elements do not separate duplicates: in 1, err, 1 the second 1 is dropped.
//
// Compact panics if s is nil.
func Compact[T comparable](s iter.Seq2[T, error]) iter.Seq2[T, error] {
	checkStream("seq.Compact", s)
	return func(yield func(T, error) bool) {
		var last T
		seen, more := false, true
		s(func(v T, err error) bool {
			if !more {
				yieldAgain("seq.Compact")
			}
			if err == nil {
				if seen && v == last {
					return true
				}
				last, seen = v, true
			}
			more = yield(v, err)
			return more
		})
	}
}

// Unique returns a stream of the values of s with every repeat dropped: a
// value equal (==) to any value passed on before is skipped. Unique keeps
// each distinct value it passes on in a set that lives as long as the range,
// so its memory grows with the number of distinct values.
//
// Unique panics if s is nil.
func Unique[T comparable](s iter.Seq2[T, error]) iter.Seq2[T, error] {
	checkStream("seq.Unique", s)
	return func(yield func(T, error) bool) {
		seen, more := make(map[T]struct{}), true
		s(func(v T, err error) bool {
			if !more {
				yieldAgain("seq.Unique")
			}
			if err == nil {
				if _, dup := seen[v]; dup {
					return true
				}
				seen[v] = struct{}{}
			}
			more = yield(v, err)
			return more
		})
	}
}
