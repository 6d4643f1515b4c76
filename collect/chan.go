package collect

import (
	"context"
	"iter"
	"runtime"

	"github.com/itergen/itergen/seq"
)

// Chan ranges over s on a new goroutine, started before Chan returns, and
// sends the values of s on the returned channel, which has a buffer of buf
// values (0: unbuffered). It is the bridge to code that wants a channel: a
// select loop, a worker that ranges over a channel. The channel is closed
// when s ends (at once for an empty s), at its first error element (which
// is not sent), when ctx is done and when s panics.
//
// wait blocks until the goroutine has ended, then returns nil if s ended,
// the first error element of s, or [context.Cause](ctx) if ctx was done
// first; ctx is checked before s is started and before each value is sent.
// A panic in s is raised again by wait in its caller's goroutine, as a
// *[seq.PanicError] holding the value and the stack of the goroutine that
// panicked (a *seq.PanicError is passed on as it is), and a
// runtime.Goexit in s becomes a runtime.Goexit in the caller of wait.
// wait may be called any number of times, from any goroutine; every call
// ends the same way.
//
// A consumer that stops receiving before the channel is closed must cancel
// ctx to release the goroutine, blocked on its next send, or wait never
// returns: s is then told to stop at its next yield, and wait returns once
// s has returned. On an infinite s, the goroutine runs until ctx is done.
//
// Chan panics if ctx or s is nil or buf is negative.
func Chan[T any](ctx context.Context, s iter.Seq2[T, error], buf int) (<-chan T, func() error) {
	if ctx == nil {
		panic("collect.Chan: nil context")
	}
	checkStream("collect.Chan", s)
	if buf < 0 {
		panic("collect.Chan: buf must not be negative")
	}
	ch := make(chan T, buf)
	r := &chanRun{done: make(chan struct{})}
	go runChan(ctx, s, ch, r)
	return ch, r.wait
}

// chanRun is how the goroutine of Chan ended.
type chanRun struct {
	done   chan struct{} // closed when the goroutine ends
	err    error
	pe     *seq.PanicError
	goexit bool
}

func (r *chanRun) wait() error {
	<-r.done
	switch {
	case r.pe != nil:
		panic(r.pe)
	case r.goexit:
		runtime.Goexit()
	}
	return r.err
}

func runChan[T any](ctx context.Context, s iter.Seq2[T, error], ch chan<- T, r *chanRun) {
	ok := false
	defer func() {
		if !ok {
			// recover returns nil only while the goroutine is exiting
			// through runtime.Goexit.
			if v := recover(); v == nil {
				r.goexit = true
			} else {
				r.pe = panicError(v)
			}
		}
		close(ch)
		close(r.done)
	}()
	r.err = send(ctx, s, ch)
	ok = true
}

// send sends the values of s on ch until an error or ctx is done.
func send[T any](ctx context.Context, s iter.Seq2[T, error], ch chan<- T) error {
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	done := ctx.Done()
	for v, err := range s {
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		select {
		case ch <- v:
		case <-done:
			return context.Cause(ctx)
		}
	}
	return nil
}
