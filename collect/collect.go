package collect

import "iter"

// checkStream and checkFunc make the call-time panics of every consumer read
// the same: "collect.Name: nil stream", "collect.Name: nil function". They
// run before the stream is ranged, so misuse fails even on an empty stream.
func checkStream[T any](name string, s iter.Seq2[T, error]) {
	if s == nil {
		panic(name + ": nil stream")
	}
}

func checkFunc(name string, isNil bool) {
	if isNil {
		panic(name + ": nil function")
	}
}

// ForEach calls f with each value of s, in order, and returns nil when s
// ends. An empty stream returns nil without calling f.
//
// ForEach stops at the first error element of s and returns it, and it
// stops as soon as f returns an error and returns that error as it is,
// without wrapping, so errors.Is and == work on it. Either way s is stopped
// at once and f is not called again. ForEach has no context of its own: on
// an infinite stream it returns only at an error, which a stream built with
// a context yields when the context is done. It ranges s once.
//
// ForEach panics if s or f is nil. A panic in s or f passes through
// unchanged.
func ForEach[T any](s iter.Seq2[T, error], f func(T) error) error {
	checkStream("collect.ForEach", s)
	checkFunc("collect.ForEach", f == nil)
	for v, err := range s {
		if err != nil {
			return err
		}
		if err := f(v); err != nil {
			return err
		}
	}
	return nil
}

// Drain ranges s to its end, discarding the values, and returns nil; an
// empty stream returns nil. It stops at the first error element of s and
// returns it. Use it to run a stream for its side effects and learn whether
// it failed.
//
// Drain has no context of its own: on an infinite stream it returns only at
// an error. It ranges s once and panics if s is nil. A panic in s passes
// through unchanged.
func Drain[T any](s iter.Seq2[T, error]) error {
	checkStream("collect.Drain", s)
	for _, err := range s {
		if err != nil {
			return err
		}
	}
	return nil
}
