package collect

import "iter"

// First returns the first value of s and true, and stops s right after it:
// First terminates on an infinite stream. An empty stream returns the zero
// T and false.
//
// If s yields an error element before any value, First stops s and returns
// the zero T, false and that error. First has no context of its own: if s
// blocks before its first element, First waits with it; build s with a
// context to bound the wait. It ranges s once.
//
// First panics if s is nil. A panic in s passes through unchanged.
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
// stops s as soon as it has found one, so Find terminates on an infinite
// stream that holds a match. When no value matches, or s is empty, Find
// returns the zero T and false.
//
// Find stops at the first error element of s that comes before a match and
// returns the zero T, false and that error. Find has no context of its own:
// on an infinite stream without a match it returns only at an error. It
// ranges s once and calls f once per value up to the match.
//
// Find panics if s or f is nil. A panic in s or f passes through unchanged.
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
// first such value, so Any terminates on an infinite stream that holds one.
// An empty stream gives false.
//
// Any stops at the first error element of s that comes before the answer
// and returns false and that error. Any has no context of its own: on an
// infinite stream where f is never true it returns only at an error. It
// ranges s once and calls f once per value up to the first true.
//
// Any panics if s or f is nil. A panic in s or f passes through unchanged.
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
// the first value for which f returns false, so All terminates on an
// infinite stream that holds one. An empty stream gives true.
//
// All stops at the first error element of s that comes before the answer
// and returns false and that error. All has no context of its own: on an
// infinite stream where f is always true it returns only at an error. It
// ranges s once and calls f once per value up to the first false.
//
// All panics if s or f is nil. A panic in s or f passes through unchanged.
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
