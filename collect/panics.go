package collect

import (
	"runtime/debug"

	"github.com/itergen/itergen/seq"
)

// panicError turns r, a value recovered from a panic on a goroutine that
// collect started or ran a stream on, into the *seq.PanicError to raise in
// the caller: a *seq.PanicError as it is, any other value with the stack of
// the calling goroutine, so it must be called from the deferred function of
// the goroutine that panicked. A nil *seq.PanicError is wrapped too, so
// that a panic never reads as no panic. r must not be nil: recover returns
// nil only while the goroutine exits through runtime.Goexit.
func panicError(r any) *seq.PanicError {
	if pe, ok := r.(*seq.PanicError); ok && pe != nil {
		return pe
	}
	return &seq.PanicError{Value: r, Stack: debug.Stack()}
}
