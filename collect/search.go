package collect

import "iter"

// First returns the first value of s and true, and stops s right after it,
// so First ends on an infinite stream. An empty stream returns the zero T
// and false.
//
// First panics if s is nil.
func First[T any](s iter.Seq2[T, error]) (T, bool, error) {
	checkStream("collect.First", s)
	for v, err := range s {
		if err != nil {
			var zero T
			return zero, false, err
		}
		return v, true, nil
	}
	var zero T
	return zero, false, nil
}

// Find returns the first value of s for which f returns true, and true. It
// stops s as soon as it has found one, so Find ends on an infinite stream
// that holds a match. When no value matches, or s is empty, Find returns
// the zero T and false.
//
// Find panics if s or f is nil.
func Find[T any](s iter.Seq2[T, error], f func(T) bool) (T, bool, error) {
	checkStream("collect.Find", s)
	checkFunc("collect.Find", f == nil)
	for v, err := range s {
		if err != nil {
			var zero T
			return zero, false, err
		}
		if f(v) {
			return v, true, nil
		}
	}
	var zero T
	return zero, false, nil
}

// Any reports whether f returns true for some value of s. It stops s at the
// first such value, so Any ends on an infinite stream that holds one. An
// empty stream gives false.
//
// Any panics if s or f is nil.
func Any[T any](s iter.Seq2[T, error], f func(T) bool) (bool, error) {
	checkStream("collect.Any", s)
	checkFunc("collect.Any", f == nil)
	for v, err := range s {
		if err != nil {
			return false, err
		}
		if f(v) {
			return true, nil
		}
	}
	return false, nil
}

// All reports whether f returns true for every value of s. It stops s at
// the first value for which f returns false, so All ends on an infinite
// stream that holds one. An empty stream gives true.
//
// All panics if s or f is nil.
func All[T any](s iter.Seq2[T, error], f func(T) bool) (bool, error) {
	checkStream("collect.All", s)
	checkFunc("collect.All", f == nil)
	for v, err := range s {
		if err != nil {
			return false, err
		}
		if !f(v) {
			return false, nil
		}
	}
	return true, nil
}
