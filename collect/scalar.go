package collect

import (
	"cmp"
	"iter"

	"golang.org/x/exp/constraints"
)

// Count returns the number of values in s; an empty stream counts 0.
//
// Count stops at the first error element of s and returns 0 and that error.
// Count has no context of its own: on an infinite stream it returns only at
// an error, which a stream built with a context yields when the context is
// done. It ranges s once.
//
// Count panics if s is nil. A panic in s passes through unchanged.
func Count[T any](s iter.Seq2[T, error]) (int, error) {
	checkStream("collect.Count", s)
	n := 0
	for _, err := range s {
		if err != nil {
			return 0, err
		}
		n++
	}
	return n, nil
}

// Reduce folds the values of s into an accumulator: it starts with init and
// replaces it with f(acc, v) for each value v, in order. An empty stream
// returns init without calling f.
//
// Reduce stops at the first error element of s and returns the zero A (not
// the partial accumulator) and that error. Reduce has no context of its
// own: on an infinite stream it returns only at an error. It ranges s once.
//
// Reduce panics if s or f is nil. A panic in s or f passes through
// unchanged.
func Reduce[T, A any](s iter.Seq2[T, error], init A, f func(A, T) A) (A, error) {
	checkStream("collect.Reduce", s)
	checkFunc("collect.Reduce", f == nil)
	acc := init
	for v, err := range s {
		if err != nil {
			var zero A
			return zero, err
		}
		acc = f(acc, v)
	}
	return acc, nil
}

// Last returns the last value of s and true. An empty stream returns the
// zero T and false.
//
// Last stops at the first error element of s and returns the zero T, false
// and that error. Last has no context of its own: on an infinite stream it
// returns only at an error. It ranges s once.
//
// Last panics if s is nil. A panic in s passes through unchanged.
func Last[T any](s iter.Seq2[T, error]) (T, bool, error) {
	checkStream("collect.Last", s)
	var last T
	found := false
	for v, err := range s {
		if err != nil {
			var zero T
			return zero, false, err
		}
		last, found = v, true
	}
	return last, found, nil
}

// Min returns the smallest value of s and true. An empty stream returns the
// zero T and false. Values compare as with the built-in min, like
// [slices.Min]: a NaN among floating-point values makes the result NaN.
//
// Min stops at the first error element of s and returns the zero T, false
// and that error; it reads s to the end even after a NaN, so a later error
// is still reported. Min has no context of its own: on an infinite stream
// it returns only at an error. It ranges s once.
//
// Min panics if s is nil. A panic in s passes through unchanged.
func Min[T cmp.Ordered](s iter.Seq2[T, error]) (T, bool, error) {
	checkStream("collect.Min", s)
	return extreme(s, true)
}

// Max returns the largest value of s and true. An empty stream returns the
// zero T and false. Values compare as with the built-in max, like
// [slices.Max]: a NaN among floating-point values makes the result NaN.
//
// Max stops at the first error element of s and returns the zero T, false
// and that error; it reads s to the end even after a NaN, so a later error
// is still reported. Max has no context of its own: on an infinite stream
// it returns only at an error. It ranges s once.
//
// Max panics if s is nil. A panic in s passes through unchanged.
func Max[T cmp.Ordered](s iter.Seq2[T, error]) (T, bool, error) {
	checkStream("collect.Max", s)
	return extreme(s, false)
}

// extreme folds the values of s with the built-in min, or max; it is Min
// and Max but for the choice. A flag rather than a func value: a func
// value escapes under Go 1.23 and costs an allocation per call.
func extreme[T cmp.Ordered](s iter.Seq2[T, error], smallest bool) (T, bool, error) {
	var m T
	found := false
	for v, err := range s {
		if err != nil {
			var zero T
			return zero, false, err
		}
		if !found {
			m, found = v, true
			continue
		}
		if smallest {
			m = min(m, v)
		} else {
			m = max(m, v)
		}
	}
	return m, found, nil
}

// Sum returns the sum of the values of s, added in stream order with the
// arithmetic of T: integers wrap around on overflow, floating-point sums
// round at each step. An empty stream sums to 0.
//
// Sum stops at the first error element of s and returns 0 and that error.
// Sum has no context of its own: on an infinite stream it returns only at
// an error. It ranges s once.
//
// Sum panics if s is nil. A panic in s passes through unchanged.
func Sum[T constraints.Integer | constraints.Float](s iter.Seq2[T, error]) (T, error) {
	checkStream("collect.Sum", s)
	var sum T
	for v, err := range s {
		if err != nil {
			return 0, err
		}
		sum += v
	}
	return sum, nil
}
