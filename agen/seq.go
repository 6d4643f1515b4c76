package agen

import (
	"context"
	"errors"
	"iter"
)

// Seq returns a stream that runs f directly in a range loop, with no
// generator handle and no goroutine switch: the cheapest way to consume a
// generator function when nothing needs to be sent or thrown in.
//
// Each range calls f(ctx, yield) afresh. Each value f yields becomes an
// element (v, nil), and yield returns the zero S and nil. When the loop
// stops early, the pending yield returns the zero S and [ErrClosed] and f
// must return; if it yields again, yield returns ErrClosed at once. When f
// returns an error other than one matching ErrClosed, the error is the last
// element; an error matching [ErrDone] is replaced as described in [New].
// After the loop has stopped early, nothing can receive f's error, and it is
// dropped. A panic in f unwinds through the range loop as is.
//
// Seq panics if ctx or f is nil.
func Seq[T, S any](ctx context.Context, f Func[T, S]) iter.Seq2[T, error] {
	if ctx == nil {
		panic("agen.Seq: nil context")
	}
	if f == nil {
		panic("agen.Seq: nil function")
	}
	return func(yield func(T, error) bool) {
		var zero S
		stopped := false
		err := f(ctx, func(v T) (S, error) {
			if stopped || !yield(v, nil) {
				stopped = true
				return zero, ErrClosed
			}
			return zero, nil
		})
		if stopped || err == nil || errors.Is(err, ErrClosed) {
			return
		}
		var none T
		yield(none, endError(err))
	}
}
