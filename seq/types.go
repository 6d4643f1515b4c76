package seq

import (
	"context"
	"fmt"
	"iter"
)

// PanicError is what a concurrent operator panics with in the consumer's
// goroutine when code it ran on another goroutine panicked: a function
// argument, an upstream stream or a source of [Merge]. Value is the value
// passed to panic and Stack the stack of the goroutine that panicked, as
// [runtime/debug.Stack] formats it.
//
// A value that is already a non-nil *PanicError is passed on as it is, so
// a panic that crosses several concurrent operators is wrapped once.
type PanicError struct {
	Value any
	Stack []byte
}

// Error returns the panic value and the stack of the goroutine that panicked.
func (p *PanicError) Error() string {
	if p == nil {
		return "panic: nil *seq.PanicError"
	}
	return fmt.Sprintf("panic: %v\n\n%s", p.Value, p.Stack)
}

// Unwrap returns Value when it is an error, so [errors.Is] and [errors.As]
// see through the panic, and nil otherwise.
func (p *PanicError) Unwrap() error {
	if p == nil {
		return nil
	}
	err, _ := p.Value.(error)
	return err
}

// Pair holds one element of each side of [Zip].
type Pair[A, B any] struct {
	First  A
	Second B
}

// Limiter is what [Throttle] waits on before each element. Wait blocks until
// the next element may pass, or returns an error when it never will, for
// example because ctx is done. A *rate.Limiter from golang.org/x/time/rate
// satisfies it.
type Limiter interface {
	Wait(ctx context.Context) error
}

// checkStream, checkFunc and checkCtx make the call-time panics (the
// package doc's Misuse rule) read the same in every operator.
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

func checkCtx(name string, ctx context.Context) {
	if ctx == nil {
		panic(name + ": nil context")
	}
}
