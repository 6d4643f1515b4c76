package agen

import "iter"

// YieldFrom passes each value of the stream s to yield, the Go form of
// `yield from` over a one-way stream inside a generator function. It
// returns nil when s ends, at once for an empty s.
//
// Whatever stops the delegation stops s, lets its deferred calls run, and
// is returned: an error element of s, or an error that yield returned —
// a thrown error, or [ErrClosed] when the generator is closed. A sent
// value is dropped: s cannot receive it, so Send resumes s as Next does.
// The caller should return the error, or handle it and go on yielding.
//
// YieldFrom ranges s once, on the caller's goroutine. It panics if yield
// or s is nil, and if s calls yield again after being told to stop.
func YieldFrom[T, S any](yield func(T) (S, error), s iter.Seq2[T, error]) error {
	if yield == nil {
		panic("agen.YieldFrom: nil yield function")
	}
	if s == nil {
		panic("agen.YieldFrom: nil stream")
	}
	var stop error
	s(func(v T, err error) bool {
		if stop != nil {
			panic("agen.YieldFrom: s called yield again after it returned false")
		}
		if err == nil {
			_, err = yield(v)
		}
		stop = err
		return err == nil
	})
	return stop
}
