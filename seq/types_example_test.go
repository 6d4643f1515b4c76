package seq_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/itergen/itergen/seq"
)

// recoverPanicError runs f and returns the *seq.PanicError it panics with.
func recoverPanicError(f func()) (pe *seq.PanicError) {
	defer func() {
		if err, ok := recover().(error); ok {
			errors.As(err, &pe)
		}
	}()
	f()
	return nil
}

func ExamplePanicError_Error() {
	pe := recoverPanicError(func() {
		for range seq.Buffer(context.Background(), seq.Map(seq.Of(1), func(int) int { panic("boom") }), 1) {
		}
	})
	// Error starts with the value and goes on with the worker's stack.
	first, _, _ := strings.Cut(pe.Error(), "\n")
	fmt.Println(first)
	fmt.Println(strings.Contains(pe.Error(), "goroutine"))
	// Output:
	// panic: boom
	// true
}

func ExamplePanicError_Unwrap() {
	pe := recoverPanicError(func() {
		for range seq.Buffer(context.Background(), seq.Map(seq.Of(1), func(int) int { panic(io.ErrUnexpectedEOF) }), 1) {
		}
	})
	// A panic value that is an error is seen through by errors.Is.
	fmt.Println(errors.Is(pe, io.ErrUnexpectedEOF))
	fmt.Println(pe.Unwrap() == io.ErrUnexpectedEOF)
	// Output:
	// true
	// true
}
