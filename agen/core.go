package agen

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync/atomic"
)

// States of a generator, kept in core.state.
//
// A call takes the generator by moving it from stUnstarted or stSuspended
// to stRunning with a CAS; the call that fails to do so learns from the
// state why (ErrRunning, ErrDone, ErrNotStarted). The holder releases it by
// storing the new state. stFinished is never left, so it can be read without
// taking the generator.
const (
	stUnstarted uint32 = iota
	stSuspended
	stRunning
	stFinished
)

// stateWord holds a generator's state, read and written only atomically.
// It wraps the functions of sync/atomic rather than using atomic.Uint32:
// when generic code is instantiated in another package, the compiler (Go
// 1.26) left the atomic.Uint32 methods as calls on the per-step path, while
// these small methods are inlined.
type stateWord struct{ v uint32 }

func (w *stateWord) load() uint32             { return atomic.LoadUint32(&w.v) }
func (w *stateWord) store(s uint32)           { atomic.StoreUint32(&w.v, s) }
func (w *stateWord) cas(old, new uint32) bool { return atomic.CompareAndSwapUint32(&w.v, old, new) }

// Commands the consumer leaves in core.cmd before resuming the body.
const (
	cmdNext uint8 = iota
	cmdSend
	cmdThrow
)

// core is the state of a generator shared by its handle and the coroutine
// that runs its body.
//
// state is the only synchronisation. Every other field is read and written
// only by the goroutine that holds the generator (state == stRunning), or
// by the body while that goroutine waits for it inside the iter.Pull2
// switch, which hands control over synchronously. Values travel in plain
// fields for that reason.
type core[T, S any] struct {
	state stateWord
	cmd   uint8

	stopped   bool // the body was told to stop (yield reported ErrClosed)
	ignored   bool // the body yielded after being told to stop
	returned  bool // the body returned normally
	panicking bool // the body panicked with panicVal

	sent     S
	thrown   error
	ret      error // what f returned
	panicVal any

	ctx context.Context
	f   Func[T, S]          // nil for a generator made by Pull
	src iter.Seq2[T, error] // the stream of a generator made by Pull

	next func() (T, error, bool)
	stop func()
}

// lock takes the generator for a call that did not find it suspended. It
// returns the state it found. The caller holds the generator if that state
// is stSuspended, or stUnstarted and takeUnstarted is set; lock leaves a
// running or finished generator alone, and an unstarted one if
// takeUnstarted is not set.
func (c *core[T, S]) lock(takeUnstarted bool) uint32 {
	for {
		s := c.state.load()
		if s == stRunning || s == stFinished || s == stUnstarted && !takeUnstarted {
			return s
		}
		if c.state.cas(s, stRunning) {
			return s
		}
	}
}

// start creates the coroutine that runs the body. It allocates, so it is
// kept off the per-step path. The caller holds the generator.
func (g *Generator[T, S]) start() {
	c := g.c
	c.next, c.stop = iter.Pull2(c.run)
	addCleanup(g.life)
}

// run is the body of the coroutine. The yield functions handed to f and src
// are the per-step path on the coroutine's side: one call into iter.Pull2's
// yield and a look at cmd.
func (c *core[T, S]) run(pyield func(T, error) bool) {
	defer c.exit()
	if c.f == nil {
		c.src(func(v T, err error) bool {
			if pyield(v, err) {
				return true
			}
			c.stopping()
			return false
		})
		c.returned = true
		return
	}
	c.ret = c.f(c.ctx, func(v T) (S, error) {
		var zero S
		if !pyield(v, nil) {
			c.stopping()
			return zero, ErrClosed
		}
		if c.cmd == cmdNext {
			return zero, nil
		}
		return c.received()
	})
	c.returned = true
}

// stopping records that the body was told to stop, and whether it had been
// told already.
func (c *core[T, S]) stopping() {
	c.ignored = c.stopped
	c.stopped = true
}

// received returns what Send or Throw handed to the body, and forgets it.
func (c *core[T, S]) received() (S, error) {
	var zero S
	if c.cmd == cmdThrow {
		err := c.thrown
		c.thrown = nil
		return zero, err
	}
	s := c.sent
	c.sent = zero
	return s, nil
}

// exit records how the body ended. A panic is recovered here and re-raised
// by the consumer after it has released the generator, so the per-step path
// needs no defer. Goexit cannot be stopped: iter.Pull2 re-raises it in the
// consumer, which then never returns to us, so the generator is finished
// and released here.
func (c *core[T, S]) exit() {
	if c.returned {
		return
	}
	if p := recover(); p != nil {
		c.panicking, c.panicVal = true, p
		return
	}
	c.finish()
	c.state.store(stFinished)
}

// end finishes a generator whose body has just ended during a Next, Send or
// Throw, releases it, and returns what that call returns.
func (c *core[T, S]) end() (T, error) {
	ret := c.ret
	c.finish()
	c.release()
	var zero T
	return zero, endError(ret)
}

// halt stops the suspended body, lets it run to its end, releases the
// generator, and reports what the body returned and whether it yielded after
// being told to stop.
func (c *core[T, S]) halt() (ret error, ignored bool) {
	c.stop()
	ret, ignored = c.ret, c.ignored
	c.finish()
	c.release()
	return ret, ignored
}

// release releases a finished generator and re-raises the body's panic, if
// any.
func (c *core[T, S]) release() {
	p, panicking := c.panicVal, c.panicking
	c.panicVal, c.panicking = nil, false
	c.state.store(stFinished)
	if panicking {
		panic(p)
	}
}

// finish drops what a finished generator no longer needs, so that it does
// not keep its function's captures alive. The caller holds the generator
// and marks it finished when it releases it.
func (c *core[T, S]) finish() {
	var zero S
	c.ctx, c.f, c.src = nil, nil, nil
	c.next, c.stop = nil, nil
	c.sent, c.thrown, c.ret = zero, nil, nil
}

// abandon closes a generator whose handle has become unreachable. It runs
// on the goroutine that runs runtime cleanups, which must not block, so the
// body, whose deferred calls may block, is stopped from a goroutine of its
// own. Nothing can receive what the body returns or a panic from its
// deferred calls, so they are dropped, as Python drops an exception raised
// while finalizing an abandoned generator.
func (c *core[T, S]) abandon() {
	// The CAS cannot fail because of a call in progress: calls keep the
	// handle alive until they have released the generator.
	if c.state.cas(stSuspended, stRunning) {
		go c.closeAbandoned()
	}
}

func (c *core[T, S]) closeAbandoned() {
	defer func() { _ = recover() }()
	c.halt()
}

// endError turns what f returned into what the consumer receives.
func endError(err error) error {
	switch {
	case err == nil:
		return ErrDone
	case errors.Is(err, ErrDone):
		return fmt.Errorf("agen: generator function returned an error matching ErrDone (return nil to end a generator): %v", err)
	}
	return err
}
