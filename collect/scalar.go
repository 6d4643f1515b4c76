package collect

import (
	"cmp"
	"iter"

	"golang.org/x/exp/constraints"
)

// Count returns the number of values in s; an empty stream counts 0.
//
// Count panics if s is nil.
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
// Reduce panics if s or f is nil.
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
// Last panics if s is nil.
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
// [slices.Min]: a NaN among floating-point values makes the result NaN, and
// Min reads s to the end even after a NaN, so a later error is still
// reported.
//
// Min panics if s is nil.
func Min[T cmp.Ordered](s iter.Seq2[T, error]) (T, bool, error) {
	checkStream("collect.Min", s)
	return extreme(s, true)
}

// Max returns the largest value of s and true. An empty stream returns the
// zero T and false. Values compare as with the built-in max, like
// [slices.Max]: a NaN among floating-point values makes the result NaN, and
// Max reads s to the end even after a NaN, so a later error is still
// reported.
//
// Max panics if s is nil.
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
// Sum panics if s is nil.
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
