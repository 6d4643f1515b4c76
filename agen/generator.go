package agen

import (
	"context"
	"errors"
	"iter"
	"runtime"
)

// Func is the body of a generator, the Go form of an async generator
// function. [New] and [Seq] call it once, with the context given to them,
// and it produces elements by calling yield.
//
// Each call of yield(v) hands v to the consumer and suspends f until the
// consumer acts; yield then returns what the consumer did:
//
//   - [Generator.Next]: the zero S and nil;
//   - [Generator.Send](s): s and nil;
//   - [Generator.Throw](e): the zero S and e, which f may handle or return;
//   - [Generator.Close], or a range loop over [Seq] stopping early: the zero
//     S and [ErrClosed], after which f should clean up and return; any
//     further yield returns ErrClosed at once.
//
// f ends the generator by returning nil, or an error that the consumer
// receives once; it must not return an error matching [ErrDone]. f decides
// when to look at ctx; the generator does not. f delegates to another Func
// by calling it with its own yield (see the package doc).
//
// yield must be called only by f, or by functions f calls, on the goroutine
// f runs on, and not after f has returned.
type Func[T, S any] func(ctx context.Context, yield func(T) (S, error)) error

// Generator is a handle on a running generator, the Go form of a Python
// async generator object. It yields values of type T and receives values of
// type S; S is struct{} when nothing is sent.
//
// [New] and [Pull] create a Generator unstarted. The first
// [Generator.Next] starts its function, which then runs up to each yield and
// is suspended there until the next call. The generator is finished when its
// function returns or panics, or when it is closed or thrown out of; a
// finished generator returns [ErrDone] from Next, Send and Throw, and nil
// from Close.
//
// A started generator holds a goroutine until it finishes: run it to the
// end or call [Generator.Close], typically with defer.
//
// A Generator must not be copied: use the *Generator that New and Pull
// return (go vet reports copies). The zero Generator is not usable; its
// methods panic.
type Generator[T, S any] struct {
	noCopy noCopy
	c      *core[T, S]
	// life is what the runtime cleanup watches. The coroutine running
	// the body references c, never life, so life becomes unreachable
	// when the last handle does, wherever handles are stored; the
	// cleanup then closes c.
	life *lifetime[T, S]
}

// lifetime is allocated by New and Pull for the runtime cleanup to watch,
// rather than the Generator itself: a user may store a Generator by value
// inside a larger allocation (a struct field, a slice element), where the
// runtime cannot attach a finalizer to it, and a copy of the handle must keep
// the generator alive as the original does. It holds a pointer so that it is
// never put in the allocator's tiny blocks, whose objects may be freed late
// or never.
type lifetime[T, S any] struct{ c *core[T, S] }

// noCopy makes go vet's copylocks check report copies of a Generator, as it
// does for the types of package sync.
type noCopy struct{}

func (*noCopy) Lock()   {}
func (*noCopy) Unlock() {}

// newGenerator returns a handle on c.
func newGenerator[T, S any](c *core[T, S]) *Generator[T, S] {
	return &Generator[T, S]{c: c, life: &lifetime[T, S]{c}}
}

// New returns a generator that runs f(ctx, yield) when it is first
// advanced.
//
// New does not call f: the first [Generator.Next] does, running it up to its
// first yield. An error from f that matches [ErrDone] — say, the end of an
// inner generator passed on by mistake — is replaced by an error that does
// not match ErrDone and says what happened, so that it cannot end the
// consumer's loop silently (PEP 479). The generator does not watch ctx; it
// only hands it to f.
//
// New panics if ctx or f is nil.
func New[T, S any](ctx context.Context, f Func[T, S]) *Generator[T, S] {
	if ctx == nil {
		panic("agen.New: nil context")
	}
	if f == nil {
		panic("agen.New: nil function")
	}
	return newGenerator(&core[T, S]{ctx: ctx, f: f})
}

// Next resumes the generator, starting it if it has not started, and
// returns the next value it yields; inside the function, yield returns the
// zero S and nil. It is the Go form of __anext__ and asend(None).
//
// When the function returns, Next returns [ErrDone] if it returned nil and
// its error otherwise, and every later Next returns ErrDone. For a
// generator made by [Pull], Next also returns each error element of the
// stream as (zero T, err), which does not end it.
func (g *Generator[T, S]) Next() (T, error) {
	c := g.c
	if c == nil {
		panic("agen.Next: zero Generator; use New or Pull")
	}
	if !c.state.cas(stSuspended, stRunning) {
		switch c.lock(true) {
		case stRunning:
			var zero T
			return zero, ErrRunning
		case stFinished:
			var zero T
			return zero, ErrDone
		case stUnstarted:
			g.start()
		}
	}
	c.cmd = cmdNext
	v, err, ok := c.next()
	if !ok {
		return c.end()
	}
	c.state.store(stSuspended)
	runtime.KeepAlive(g) // see addCleanup
	return v, err
}

// Send resumes the generator so that its pending yield returns (v, nil), and
// returns the next value it yields. It is the Go form of asend.
//
// Send on a generator that has not started returns [ErrNotStarted] and
// leaves it unstarted, since no yield is waiting for v; start it with
// [Generator.Next]. Otherwise Send ends as Next does. A generator made by
// [Pull] cannot receive v: Send resumes it as Next does.
func (g *Generator[T, S]) Send(v S) (T, error) {
	c := g.c
	if c == nil {
		panic("agen.Send: zero Generator; use New or Pull")
	}
	if !c.state.cas(stSuspended, stRunning) {
		var zero T
		switch c.lock(false) {
		case stRunning:
			return zero, ErrRunning
		case stFinished:
			return zero, ErrDone
		case stUnstarted:
			return zero, ErrNotStarted
		}
	}
	c.cmd = cmdSend
	c.sent = v
	v1, err, ok := c.next()
	if !ok {
		return c.end()
	}
	c.state.store(stSuspended)
	runtime.KeepAlive(g)
	return v1, err
}

// Throw resumes the generator so that its pending yield returns the zero S
// and err, which lets the function handle the error or fail with it. It is
// the Go form of athrow.
//
// If the function handles err and yields a value, Throw returns that value
// and the generator goes on. If the function returns, the generator is
// finished and Throw returns what it returned: its error (an error matching
// [ErrDone] is replaced as described in [New]), or ErrDone if it returned
// nil. A generator made by [Pull] cannot catch: Throw stops its stream,
// letting the stream's deferred calls run, and returns err.
//
// Throw on a generator that has not started finishes it without running its
// function and returns err. Throw on a finished generator returns ErrDone.
//
// Throw panics if err is nil.
func (g *Generator[T, S]) Throw(err error) (T, error) {
	c := g.c
	if c == nil {
		panic("agen.Throw: zero Generator; use New or Pull")
	}
	if err == nil {
		panic("agen.Throw: nil error")
	}
	var zero T
	if !c.state.cas(stSuspended, stRunning) {
		switch c.lock(true) {
		case stRunning:
			return zero, ErrRunning
		case stFinished:
			return zero, ErrDone
		case stUnstarted:
			c.finish()
			c.state.store(stFinished)
			return zero, err
		}
	}
	if c.src != nil { // a stream cannot catch
		_, ignored := c.halt()
		runtime.KeepAlive(g)
		if ignored {
			return zero, errors.Join(err, ErrIgnoredClose)
		}
		return zero, err
	}
	c.cmd = cmdThrow
	c.thrown = err
	v, e, ok := c.next()
	if !ok {
		return c.end()
	}
	c.state.store(stSuspended)
	runtime.KeepAlive(g)
	return v, e
}

// Close closes the generator, the Go form of aclose. If the generator is
// suspended, its pending yield returns the zero S and [ErrClosed], and the
// function runs to its end, deferred calls included, before Close returns.
//
// Close returns nil if the function returns nil or an error matching
// ErrClosed, and the function's error otherwise. If the function yields
// again, that yield and every later one return ErrClosed at once, and Close
// returns [ErrIgnoredClose] when the function has returned. For a generator
// made by [Pull], Close stops the stream and returns ErrIgnoredClose if the
// stream called yield after being told to stop.
//
// Close on a generator that has not started or has finished runs nothing and
// returns nil, so calling Close more than once is fine; afterwards Next,
// Send and Throw return [ErrDone].
func (g *Generator[T, S]) Close() error {
	c := g.c
	if c == nil {
		panic("agen.Close: zero Generator; use New or Pull")
	}
	if !c.state.cas(stSuspended, stRunning) {
		switch c.lock(true) {
		case stRunning:
			return ErrRunning
		case stFinished:
			return nil
		case stUnstarted:
			c.finish()
			c.state.store(stFinished)
			return nil
		}
	}
	ret, ignored := c.halt()
	runtime.KeepAlive(g)
	switch {
	case ignored:
		if ret != nil && !errors.Is(ret, ErrClosed) {
			return errors.Join(ErrIgnoredClose, ret)
		}
		return ErrIgnoredClose
	case ret == nil || errors.Is(ret, ErrClosed):
		return nil
	}
	return endError(ret)
}

// All returns an iterator over the elements the generator has left, which it
// gets by calling [Generator.Next] until Next returns [ErrDone]. It is the
// Go form of `async for`. A value v comes as (v, nil) and any other error
// from Next as (zero T, err): the function's final error, after which the
// iteration ends, or an error element of a stream given to [Pull], after
// which it goes on. If Next returns [ErrRunning], All yields that error and
// stops. On a finished generator All yields nothing.
//
// Breaking out of the loop leaves the generator suspended, as breaking out
// of `async for` does in Python: a later Next or All goes on where the loop
// stopped. So close the generator when done with it, as
// contextlib.aclosing does:
//
//	g := agen.New(ctx, f)
//	defer g.Close()
//	for v, err := range g.All() { ... }
//
// All returns a single-use iterator. Panics in the function propagate out
// of the loop as they do out of Next.
func (g *Generator[T, S]) All() iter.Seq2[T, error] {
	if g.c == nil {
		panic("agen.All: zero Generator; use New or Pull")
	}
	return func(yield func(T, error) bool) {
		for {
			v, err := g.Next()
			if err == ErrDone {
				return
			}
			if !yield(v, err) || err == ErrRunning {
				return
			}
		}
	}
}
