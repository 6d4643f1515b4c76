package agen

import "iter"

// Pull returns a generator over the stream s: the handle of [New] for a
// one-way producer, which can neither receive sent values nor catch thrown
// errors. Pull does not call s; the first [Generator.Next] does.
//
// Next returns the elements of s as they are: a value as (v, nil), an error
// element as (zero T, err), which does not end the generator. After the
// last element, and on an empty stream at once, Next returns [ErrDone].
// Send behaves as Next once the generator has started.
//
// [Generator.Throw] stops s, letting its deferred calls run, and returns the
// error it was given. [Generator.Close] stops s likewise and returns nil.
// If s calls yield again after being told to stop, Close returns
// [ErrIgnoredClose] and Throw an error matching both its argument and
// ErrIgnoredClose. A panic in s comes out of the call that resumed it.
//
// Pull panics if s is nil.
func Pull[T any](s iter.Seq2[T, error]) *Generator[T, struct{}] {
	if s == nil {
		panic("agen.Pull: nil stream")
	}
	return newGenerator(&core[T, struct{}]{src: s})
}
