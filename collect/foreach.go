package collect

import (
	"context"
	"errors"
	"iter"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"github.com/itergen/itergen/seq"
)

// ForEachConcurrent calls f with each value of s, with up to n calls
// running at once on goroutines of their own, and returns the first error:
// an error element of s, an error f returned, or [context.Cause](ctx) when
// ctx is done first. That error cancels the context given to f and stops
// s; ForEachConcurrent returns it once the calls in progress have
// returned. It returns nil when s ended and every call returned nil: it
// is an errgroup with SetLimit(n) over a stream.
//
// The first error is the first in completion order: calls finish in any
// order. ForEachConcurrent never returns before every call of f has
// returned and every goroutine it started has exited; a call blocked in f
// is waited for, so f should honour its context, which is derived from
// ctx and cancelled when ForEachConcurrent returns. s is ranged once, on a
// goroutine of its own; errors that f or s return only because ctx was
// cancelled are not returned in place of its cause.
//
// A panic in f or in s is raised again in the caller's goroutine as a
// *[seq.PanicError] holding the value and the stack of the goroutine that
// panicked (a *seq.PanicError is passed on as it is), once the calls in
// progress have returned; a panic in f is raised even when an error came
// first. A runtime.Goexit in f or s becomes a runtime.Goexit in the
// caller's goroutine unless an error came first.
//
// ForEachConcurrent panics if ctx, s or f is nil or n is less than 1.
func ForEachConcurrent[T any](ctx context.Context, s iter.Seq2[T, error], n int, f func(context.Context, T) error) error {
	const name = "collect.ForEachConcurrent"
	if ctx == nil {
		panic(name + ": nil context")
	}
	checkStream(name, s)
	checkFunc(name, f == nil)
	if n < 1 {
		panic(name + ": n must be at least 1")
	}
	var st forEachState
	call := func(ctx context.Context, v T) (_ struct{}, err error) {
		if st.stopped.Load() || ctx.Err() != nil {
			return struct{}{}, errSkipped
		}
		normal := false
		defer func() {
			if !normal {
				err = st.panicked(recover())
			}
		}()
		if err = f(ctx, v); err != nil {
			st.failed(err)
		}
		normal = true
		return struct{}{}, err
	}
	var first error
	for _, err := range seq.MapConcurrentUnordered(ctx, s, n, call) {
		if err != nil {
			first = err
			break
		}
	}
	// Every call has returned: st needs no lock.
	if st.pe != nil {
		panic(st.pe)
	}
	if first == errSkipped {
		first = st.err
	}
	return first
}

// errSkipped is the result of a call that did not call f because an
// error came first; the first error is returned in its place.
var errSkipped = errors.New("collect.ForEachConcurrent: call skipped")

// errPanicked is the result of a call whose f panicked; the panic is
// raised in its place.
var errPanicked = errors.New("collect.ForEachConcurrent: f panicked")

// forEachState is what the calls of ForEachConcurrent share: once a call
// fails, no new call of f starts. The first panic of f is kept here,
// rather than left to the stream to raise, so that a panic that comes
// after the first error is not dropped.
type forEachState struct {
	stopped atomic.Bool
	mu      sync.Mutex
	err     error
	pe      *seq.PanicError
}

func (st *forEachState) failed(err error) {
	st.mu.Lock()
	if st.err == nil {
		st.err = err
	}
	st.mu.Unlock()
	st.stopped.Store(true)
}

// panicked keeps r, the value recovered in a deferred function of a call
// that did not return, and returns errPanicked. A nil r means the
// goroutine is exiting through runtime.Goexit: it goes on, and the stream
// passes it on.
func (st *forEachState) panicked(r any) error {
	if r == nil {
		return nil
	}
	pe, ok := r.(*seq.PanicError)
	if !ok {
		pe = &seq.PanicError{Value: r, Stack: debug.Stack()}
	}
	st.mu.Lock()
	if st.pe == nil {
		st.pe = pe
	}
	st.mu.Unlock()
	st.stopped.Store(true)
	return errPanicked
}
