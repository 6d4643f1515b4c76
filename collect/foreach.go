package collect

import (
	"context"
	"iter"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/itergen/itergen/seq"
)

// ForEachConcurrent calls f with each value of s, with up to n calls
// running at once on goroutines of their own, and returns the first error:
// an error element of s, an error f returned, or context.Cause(ctx) when
// ctx is done first. It is errgroup with SetLimit(n) over a stream: the
// first error (in completion order) cancels the context given to f, stops
// s and starts no more calls, and ForEachConcurrent returns it once the
// calls in progress have returned. It returns nil when s ended and every
// call returned nil.
//
// ForEachConcurrent never returns before every call of f has returned, so
// f should honour its context, which is derived from ctx and cancelled when
// ForEachConcurrent returns. s is ranged once, on the caller's goroutine,
// at most 256 values ahead of the calls. Errors that f returns once ctx is
// done are taken for ctx's: the cause is returned. A panic in f or in s
// wins over an error that came first.
//
// Calls start in the order of the values, each as soon as fewer than n
// are running, as with errgroup, so a call may wait for the call of one
// of the next n-1 values without deadlock. A value reaches a worker
// through a ring of 256 cells, for a few atomic operations on each side
// and no allocation.
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
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	r := &forEach[T]{ctx: ctx, f: f, max: n}
	r.fctx, r.cancel = context.WithCancel(ctx)
	r.ring = make([]forEachCell[T], forEachRing)
	for i := range r.ring {
		r.ring[i].seq.Store(uint64(i))
	}
	r.wcond.L = &r.mu
	r.pcond.L = &r.mu
	return r.run(s)
}

// forEachRing is how many values of s ForEachConcurrent takes ahead of the
// calls: a power of two.
const forEachRing = 256

// forEach is the state of one ForEachConcurrent. Values go from the caller,
// which ranges s, to the workers through a ring of cells, each stamped
// with the position it may be filled at (seq == pos) or taken at
// (seq == pos+1): the caller fills cells in order, workers claim them by
// advancing head. Either side sleeps on a sync.Cond only when the ring is
// full or empty, and the other side signals it only when it sleeps.
type forEach[T any] struct {
	ctx    context.Context
	fctx   context.Context
	cancel context.CancelFunc
	f      func(context.Context, T) error
	max    int
	ring   []forEachCell[T]
	wg     sync.WaitGroup

	// The fields that one side writes for every value are kept apart, so
	// that neither side's writes move the other's cache lines.
	_       linePad
	head    atomic.Uint64 // next position to claim
	_       linePad
	tail    uint64 // next position to fill; the caller's only
	started int    // workers; the caller's only
	_       linePad

	// Read for every value, written rarely.
	stopped  atomic.Bool // a failure: no more calls, s stops
	closed   atomic.Bool // s ended: no more values
	sleepers atomic.Int32
	pwant    atomic.Uint64 // the caller sleeps on pcond until this position is released (0: awake)
	_        linePad

	mu     sync.Mutex
	wcond  sync.Cond // sleeping workers
	pcond  sync.Cond // the sleeping caller
	err    error
	pe     *seq.PanicError
	goexit bool
}

// linePad keeps the fields around it on cache lines of their own.
type linePad [64]byte

type forEachCell[T any] struct {
	seq atomic.Uint64
	v   T
}

// run ranges s on the caller's goroutine, handing its values to the
// workers, and ends the way the first failure says.
func (r *forEach[T]) run(s iter.Seq2[T, error]) error {
	normal := false
	defer func() {
		if normal {
			return
		}
		// s panicked or exited: stop the workers and wait for them first.
		v := recover()
		r.fail(nil)
		r.wg.Wait()
		r.cancel()
		if v != nil {
			panic(panicError(v))
		}
	}()
	done := r.ctx.Done()
	told := false
	s(func(v T, err error) bool {
		if told {
			panic("collect.ForEachConcurrent: stream called yield again after it returned false")
		}
		if err == nil && isDone(done) {
			err = context.Cause(r.ctx)
		}
		if err != nil || !r.push(v) {
			r.fail(err)
			told = true
			return false
		}
		return true
	})
	normal = true
	r.closed.Store(true)
	r.mu.Lock()
	r.sleepers.Store(0)
	r.wcond.Broadcast()
	r.mu.Unlock()
	r.wg.Wait()
	r.cancel()
	switch {
	case r.pe != nil:
		panic(r.pe)
	case r.goexit:
		runtime.Goexit()
	case r.err != nil:
		return r.err
	case r.ctx.Err() != nil:
		return context.Cause(r.ctx)
	}
	return nil
}

func isDone(done <-chan struct{}) bool {
	select {
	case <-done:
		return true
	default:
		return false
	}
}

// push hands v to the workers, sleeping while the ring is full. It
// reports false if a failure came first.
func (r *forEach[T]) push(v T) bool {
	mask := uint64(len(r.ring) - 1)
	c := &r.ring[r.tail&mask]
	if c.seq.Load() != r.tail && !r.await(r.tail-mask-1+forEachGap) {
		return false
	}
	for c.seq.Load() != r.tail { // released out of order: wait for this one
		if !r.await(r.tail - mask - 1) {
			return false
		}
	}
	c.v = v
	c.seq.Store(r.tail + 1)
	r.tail++
	r.hire()
	return true
}

// await waits until the worker that took the value at position want has
// given its cell back, and reports false if a failure came first. The
// caller waits for the cell forEachGap cells ahead of the one it needs,
// so that it fills a run of cells the workers are done with, rather than
// each cell right after a worker empties it (both would then pass the
// same cache lines back and forth for every value).
func (r *forEach[T]) await(want uint64) bool {
	for !r.released(want) {
		if r.stopped.Load() {
			return false
		}
		// Sleep, counted in pwant before looking again so that the
		// worker that gives the cell back either is seen here or wakes
		// the caller.
		r.mu.Lock()
		r.pwant.Store(want)
		if !r.released(want) && !r.stopped.Load() {
			r.pcond.Wait()
		}
		r.pwant.Store(0)
		r.mu.Unlock()
	}
	return !r.stopped.Load()
}

// released reports whether the cell of position pos has been given back
// by the worker that took it.
func (r *forEach[T]) released(pos uint64) bool {
	return r.ring[pos&uint64(len(r.ring)-1)].seq.Load() >= pos+uint64(len(r.ring))
}

// forEachGap is how many cells the caller waits to have free when the
// ring is full.
const forEachGap = forEachRing / 4

// hire makes sure a worker comes for the value just pushed: it wakes a
// sleeping worker or, if none sleeps, starts one, up to max. Every value
// is thus claimed as soon as a worker is free, so a call of f that waits
// for another call never deadlocks when n allows both.
func (r *forEach[T]) hire() {
	if r.started == r.max && r.sleepers.Load() == 0 {
		return // nobody to wake or start: the common case under load
	}
	if r.sleepers.Load() > 0 {
		r.mu.Lock()
		if r.sleepers.Load() > 0 {
			r.sleepers.Add(-1)
			r.wcond.Signal()
		}
		r.mu.Unlock()
		return
	}
	if r.started < r.max {
		r.started++
		r.wg.Add(1)
		go r.work()
	}
}

// claim claims the next value, sleeping while there is none; it reports
// false when s has ended and every value is claimed, or a failure came.
func (r *forEach[T]) claim() (T, bool) {
	mask := uint64(len(r.ring) - 1)
	for !r.stopped.Load() {
		pos := r.head.Load()
		c := &r.ring[pos&mask]
		switch seq := c.seq.Load(); {
		case seq == pos+1:
			if r.head.CompareAndSwap(pos, pos+1) {
				return r.take(c, pos), true
			}
			// Another worker was first: let it go on rather than fight
			// it for every value.
			runtime.Gosched()
			continue
		case seq > pos+1: // another worker claimed pos
			continue
		}
		if r.closed.Load() && r.empty() {
			break
		}
		// Count the worker asleep before looking again, so that a value
		// pushed meanwhile is either seen here or makes the caller wake
		// it; whoever wakes it counts it out.
		r.mu.Lock()
		r.sleepers.Add(1)
		if r.empty() && !r.closed.Load() && !r.stopped.Load() {
			r.wcond.Wait()
		} else {
			r.sleepers.Add(-1)
		}
		r.mu.Unlock()
	}
	var zero T
	return zero, false
}

// take takes the value of cell c, claimed at pos, and gives the cell back
// to the caller, waking it if it waits for that.
func (r *forEach[T]) take(c *forEachCell[T], pos uint64) T {
	var zero T
	v := c.v
	c.v = zero
	c.seq.Store(pos + uint64(len(r.ring)))
	if w := r.pwant.Load(); w == pos && r.pwant.CompareAndSwap(w, 0) {
		r.mu.Lock()
		r.pcond.Signal()
		r.mu.Unlock()
		// When the workers can keep every processor busy, let the caller
		// run at once, on this one: otherwise it waits for one of them to
		// block, and the ring runs dry meanwhile.
		if r.max >= runtime.GOMAXPROCS(0) {
			runtime.Gosched()
		}
	}
	return v
}

// empty reports whether the cell at head holds no value.
func (r *forEach[T]) empty() bool {
	pos := r.head.Load()
	return r.ring[pos&uint64(len(r.ring)-1)].seq.Load() != pos+1
}

// work calls f for the values it claims, one at a time. A panic or an
// exit of f stops everything.
func (r *forEach[T]) work() {
	defer r.wg.Done()
	normal := false
	defer func() {
		if !normal {
			r.failed(recover())
		}
	}()
	for {
		v, ok := r.claim()
		if !ok {
			break
		}
		if r.stopped.Load() { // a failure came while claiming v
			continue
		}
		if err := r.f(r.fctx, v); err != nil {
			if r.ctx.Err() != nil {
				err = context.Cause(r.ctx)
			}
			r.fail(err)
		}
	}
	normal = true
}

// fail records err, if it is the first error, and stops the caller and
// the workers. A nil err stops them all the same.
func (r *forEach[T]) fail(err error) {
	r.mu.Lock()
	if r.err == nil {
		r.err = err
	}
	r.stopped.Store(true)
	r.sleepers.Store(0)
	r.wcond.Broadcast()
	r.pcond.Broadcast()
	r.mu.Unlock()
	r.cancel()
}

// failed records a panic of f, or its runtime.Goexit when v is nil, and
// stops everything. It must be called by the deferred function of the
// worker, so that the stack is the one that panicked.
func (r *forEach[T]) failed(v any) {
	var pe *seq.PanicError
	if v != nil {
		pe = panicError(v)
	}
	r.mu.Lock()
	switch {
	case pe == nil:
		r.goexit = true
	case r.pe == nil:
		r.pe = pe
	}
	r.mu.Unlock()
	r.fail(nil)
}
