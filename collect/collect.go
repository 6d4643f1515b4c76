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
// ends; an empty stream returns nil without calling f. An error f returns
// stops s and is returned as it is, like an error element of s.
//
// ForEach panics if s or f is nil.
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
// empty stream returns nil. Use it to run a stream for its side effects and
// learn whether it failed.
//
// Drain panics if s is nil.
func Drain[T any](s iter.Seq2[T, error]) error {
	checkStream("collect.Drain", s)
	for _, err := range s {
		if err != nil {
			return err
		}
	}
	return nil
}
