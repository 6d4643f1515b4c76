package seq

import (
	"runtime"
	"runtime/debug"
)

// A failure records how a goroutine started by a concurrent operator ended
// abnormally, so that the consumer's goroutine can end the same way.
type failure struct {
	// goexit is set when the goroutine called runtime.Goexit; pe is the
	// panic otherwise. A flag, not a nil pe, says "no panic": a user can
	// panic with any value, a nil *PanicError included.
	goexit bool
	pe     *PanicError
}

// capture turns the result of recover, called by a deferred function of a
// goroutine that did not return normally, into a failure. It must be
// called from that deferred function so that the stack it records is the
// stack of the panicking goroutine. recover returns nil only while the
// goroutine is exiting through runtime.Goexit (panic(nil) becomes a
// *runtime.PanicNilError since Go 1.21). A *PanicError is passed on as it
// is, unless it is nil: that one is wrapped like any other value, so that
// the consumer always recovers a *PanicError it can read.
func capture(r any) *failure {
	switch r := r.(type) {
	case nil:
		return &failure{goexit: true}
	case *PanicError:
		if r != nil {
			return &failure{pe: r}
		}
	}
	return &failure{pe: &PanicError{Value: r, Stack: debug.Stack()}}
}

// raise ends the calling goroutine the way the failed goroutine ended.
// It does nothing when f is nil.
func (f *failure) raise() {
	switch {
	case f == nil:
	case f.goexit:
		runtime.Goexit()
	default:
		panic(f.pe)
	}
}

// yieldAgain is the panic of a yield function that the package handed to
// an upstream, called again after it returned false: a bug in the
// upstream, which must return once yield has returned false. Panicking
// ends an upstream that would otherwise loop forever; operators that run
// the upstream on a goroutine of their own raise it in the consumer's
// goroutine as a *PanicError.
func yieldAgain(name string) {
	panic(name + ": upstream called yield again after it returned false")
}
