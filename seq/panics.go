package seq

import (
	"runtime"
	"runtime/debug"
)

// A failure records how a goroutine started by a concurrent operator ended
// abnormally, so that the consumer's goroutine can end the same way.
type failure struct {
	// pe is the panic, or nil when the goroutine called runtime.Goexit.
	pe *PanicError
}

// capture turns the result of recover, called by a deferred function of a
// goroutine that did not return normally, into a failure. It must be
// called from that deferred function so that the stack it records is the
// stack of the panicking goroutine. recover returns nil only while the
// goroutine is exiting through runtime.Goexit (panic(nil) becomes a
// *runtime.PanicNilError since Go 1.21).
func capture(r any) *failure {
	switch r := r.(type) {
	case nil:
		return &failure{}
	case *PanicError:
		return &failure{pe: r}
	default:
		return &failure{pe: &PanicError{Value: r, Stack: debug.Stack()}}
	}
}

// raise ends the calling goroutine the way the failed goroutine ended.
// It does nothing when f is nil.
func (f *failure) raise() {
	switch {
	case f == nil:
	case f.pe == nil:
		runtime.Goexit()
	default:
		panic(f.pe)
	}
}
