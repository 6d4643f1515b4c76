package seq

import (
	"context"
	"iter"
	"math"
	"sync"
	"sync/atomic"
)

// A crew is what the concurrent maps and flat-maps share (MapConcurrent,
// MapConcurrentWindow, MapConcurrentUnordered, MapConcurrentByKey and the
// two FlatMapConcurrent): a feeder goroutine that ranges over the upstream,
// up to max worker goroutines that call f, and the consumer, which hands
// results to the loop body.
//
// Workers are started lazily and park on cond when there is nothing to
// claim. They are woken the way the Go scheduler wakes threads: a new
// input wakes a parked worker only when no worker is already searching for
// work, and a searcher that claims an input makes sure up to two others
// search if inputs are left. Every input is thus claimed as soon as a
// worker is free (a call of f that waits for another call never
// deadlocks), while cheap calls of f are served by few workers and few
// wake-ups, and a burst of inputs wakes workers in a tree, not a chain.
type crew struct {
	ctx    context.Context // the operator's
	fctx   context.Context // given to f; cancelled when the consumer is done
	cancel context.CancelFunc
	win    window        // elements taken from upstream and not yet handed over
	stop   chan struct{} // closed when the consumer is done
	wg     sync.WaitGroup
	spawn  func() // runs a worker

	mu        sync.Mutex
	cond      sync.Cond // parked workers
	max       int
	workers   int // started and not exited
	idle      int // parked
	searching int // awake and looking for an input
	halted    bool
	stopped   bool
	fdone     bool // the feeder has returned
	cwait     bool // the consumer sleeps on wake
	wake      chan struct{}
	late      *failure // the upstream failed after it was told to stop
}

// init prepares a crew of at most n workers whose feeder holds at most
// window elements not yet handed over.
func (c *crew) init(ctx context.Context, n, window int, spawn func()) {
	c.ctx = ctx
	c.fctx, c.cancel = context.WithCancel(ctx)
	c.win.init(window)
	c.stop = make(chan struct{})
	c.spawn = spawn
	c.cond.L = &c.mu
	c.max = n
	c.wake = make(chan struct{}, 1)
}

// wakeWorkers makes sure that min(unclaimed, want) workers are searching
// for the unclaimed inputs, waking parked workers or starting new ones.
// The feeder wants one searcher; a searcher that claims an input wants two
// for the inputs left, so that a burst of inputs wakes the workers in a
// tree rather than a chain. Call it with mu held.
func (c *crew) wakeWorkers(unclaimed, want int) {
	for c.searching < min(unclaimed, want) && !c.halted {
		switch {
		case c.idle > 0:
			c.idle--
			c.cond.Signal()
		case c.workers < c.max:
			c.workers++
			c.wg.Add(1)
			go c.spawn()
		default:
			return
		}
		c.searching++
	}
}

// The goroutines of a crew that find nothing to do sleep at once rather
// than yield the processor a few times first: on a machine whose cores are
// shared, yielding turned out to cost several times what it saves (see
// BenchmarkConcurrentMap).

// park puts a searching worker to sleep until wakeWorkers or halt wakes it.
// Call it with mu held and look again afterwards.
func (c *crew) park() {
	c.searching--
	c.idle++
	c.cond.Wait()
}

// wakeConsumer wakes the consumer if it sleeps. Call it with mu held.
func (c *crew) wakeConsumer() {
	if c.cwait {
		c.cwait = false
		wakeOne(c.wake)
	}
}

// await is what the consumer does, with mu held, when it finds nothing to
// hand over yet: it sleeps until a worker wakes it or done is closed. It
// returns with mu unlocked, false when done was closed. A consumer that
// waits for one element in particular says which before it calls await.
func (c *crew) await(done <-chan struct{}) bool {
	c.cwait = true
	c.mu.Unlock()
	select {
	case <-c.wake:
		return true
	case <-done:
		return false
	}
}

// halt tells the feeder and the workers to stop and cancels the context of
// f. It may be called more than once.
func (c *crew) halt() {
	c.mu.Lock()
	c.halted = true
	c.cond.Broadcast()
	if !c.stopped {
		c.stopped = true
		close(c.stop)
	}
	c.mu.Unlock()
	c.cancel()
}

// drive runs the consumer's side: consume hands elements to the loop body
// and reports a failure to raise or that ctx is done; then every goroutine
// is stopped and waited for before the failure, if any, is raised.
func (c *crew) drive(consume func() (*failure, bool), yieldCause func()) {
	normal := false
	defer func() {
		if !normal { // the loop body panicked or exited: its way out wins
			c.halt()
			c.wg.Wait()
		}
	}()
	fail, cause := consume()
	c.halt()
	if cause {
		yieldCause()
	}
	c.wg.Wait()
	normal = true
	if fail == nil {
		fail = c.late
	}
	fail.raise()
}

// ended records that the feeder has returned, with the failure f of s, if
// any. A failure after s was told to stop is kept for the end of the
// range; ended reports whether f is one that fails the stream now. Call it
// with mu held.
func (c *crew) ended(f *failure, told bool) bool {
	c.fdone = true
	if f != nil && told {
		c.keepLate(f)
		return false
	}
	return f != nil
}

// keepLate keeps f, a failure that came after its stream was told to stop,
// to be raised when the range ends, unless one came first. Call it with mu
// held.
func (c *crew) keepLate(f *failure) {
	if c.late == nil {
		c.late = f
	}
}

// An unorderedCrew is what the unordered engines share
// (MapConcurrentUnordered, MapConcurrentByKey, FlatMapConcurrentUnordered):
// inputs wait in a queue for a worker, and the first failure stops the
// feeder and the workers at once and is raised by the consumer as soon as
// it looks.
type unorderedCrew[T any] struct {
	crew
	failing atomic.Bool // a failure was recorded; for workers that look without mu

	// Guarded by mu.
	in      queue[T] // inputs that wait for a worker
	running int      // inputs claimed whose call has not returned
	fail    *failure
}

// end records how the feeder ended.
func (u *unorderedCrew[T]) end(f *failure, told bool) {
	u.mu.Lock()
	if u.ended(f, told) {
		u.failed(f)
	}
	u.wakeConsumer()
	u.mu.Unlock()
}

// failed records the first failure and stops the feeder and the workers;
// the consumer raises it as soon as it looks. Call it with mu held.
func (u *unorderedCrew[T]) failed(f *failure) {
	if u.fail == nil {
		u.fail = f
	}
	u.failing.Store(true)
	u.halted = true
	u.cond.Broadcast()
	u.wakeConsumer()
}

// callFailed records that a call panicked or exited, with told reporting
// whether the call had been told to stop (its failure then waits for the
// end of the range). Call it from the worker's deferred function.
func (u *unorderedCrew[T]) callFailed(f *failure, told bool) {
	u.mu.Lock()
	u.running--
	if f.goexit { // this worker is exiting
		u.workers--
	} else {
		u.searching++ // as the worker's next claim would have
	}
	if told {
		u.keepLate(f)
		u.wakeConsumer()
	} else {
		u.failed(f)
	}
	u.mu.Unlock()
}

// claim claims the next input for a searching worker, parking while there
// is none; it reports false once the crew is halted. Call it with mu held.
func (u *unorderedCrew[T]) claim() (T, bool) {
	for !u.halted {
		if u.in.len() > 0 {
			v := u.in.pop()
			u.running++
			u.searching--
			u.wakeWorkers(u.in.len(), 2)
			return v, true
		}
		u.park()
	}
	var zero T
	return zero, false
}

// finished reports whether the feeder has returned and every input has
// been called. Call it with mu held.
func (u *unorderedCrew[T]) finished() bool {
	return u.fdone && u.running == 0 && u.in.len() == 0
}

// An orderedCrew is what the ordered engines share (MapConcurrent,
// MapConcurrentWindow and FlatMapConcurrent): element i of s lives in a
// slot found at ring[i&(len(ring)-1)] from the time the feeder takes it
// until the consumer has passed it; a worker that claims it owns its input
// and its results until it marks it done. Slots are recycled through free,
// which newSlots fills when it is empty.
type orderedCrew[T any, S orderedSlot[T]] struct {
	crew
	newSlots func() // adds slots to free; called with mu held

	// Guarded by mu.
	ring    []S // a power of two long
	free    []S
	head    int // first element the consumer has not passed
	fed     int // elements taken from s
	next    int // first value not claimed by a worker, or fed
	cut     int // elements from cut on are not wanted: a failure is there
	waitFor int // the element the consumer sleeps on, when cwait is set
	endFail *failure
}

// slotBase is what every slot of an ordered crew holds.
type slotBase[T any] struct {
	in   T
	err  error    // the slot is this error element of s, or f's error
	fail *failure // the call panicked or exited
	done bool     // the call has returned: nothing more comes in the slot
}

func (b *slotBase[T]) base() *slotBase[T] { return b }

// An orderedSlot is a pointer to a slot type, which embeds slotBase.
type orderedSlot[T any] interface {
	base() *slotBase[T]
}

// initOrdered prepares the crew as init does, with a ring of size slots.
func (o *orderedCrew[T, S]) initOrdered(ctx context.Context, n, window, size int, spawn, newSlots func()) {
	o.init(ctx, n, window, spawn)
	o.newSlots = newSlots
	o.ring = make([]S, size)
	o.cut = math.MaxInt
}

func (o *orderedCrew[T, S]) slot(i int) S {
	return o.ring[i&(len(o.ring)-1)]
}

// put takes element fed of s.
func (o *orderedCrew[T, S]) put(v T, err error) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.halted || o.fed >= o.cut {
		return false
	}
	if o.fed-o.head == len(o.ring) {
		ring := make([]S, 2*len(o.ring))
		for i := o.head; i < o.fed; i++ {
			ring[i&(len(ring)-1)] = o.slot(i)
		}
		o.ring = ring
	}
	if len(o.free) == 0 {
		o.newSlots()
	}
	k := len(o.free)
	sl := o.free[k-1]
	o.free = o.free[:k-1]
	i := o.fed
	o.ring[i&(len(o.ring)-1)] = sl
	o.fed++
	b := sl.base()
	if err != nil {
		b.err, b.done = err, true
		if o.next == i {
			o.next = o.fed
		}
		if o.waitFor == i {
			o.wakeConsumer()
		}
		return true
	}
	b.in = v
	o.wakeWorkers(1, 1)
	return true
}

// end records how the feeder ended: a failure of s cuts the stream where
// s stopped.
func (o *orderedCrew[T, S]) end(f *failure, told bool) {
	o.mu.Lock()
	if o.ended(f, told) {
		o.endFail = f
		o.cut = min(o.cut, o.fed)
	}
	o.wakeConsumer()
	o.mu.Unlock()
}

// advance marks the slot psl of element prev done, if prev is not
// negative, and claims the next value, parking while there is none.
func (o *orderedCrew[T, S]) advance(prev int, psl S) (int, S, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if prev >= 0 {
		psl.base().done = true
		o.searching++
		if o.waitFor == prev {
			o.wakeConsumer()
		}
	}
	for !o.halted {
		if o.next < o.fed && o.next < o.cut {
			i := o.next
			sl := o.slot(i)
			o.next++
			for o.next < o.fed && o.slot(o.next).base().done { // error elements of s
				o.next++
			}
			o.searching--
			o.wakeWorkers(min(o.fed, o.cut)-o.next, 2)
			return i, sl, true
		}
		o.park()
	}
	var zero S
	return 0, zero, false
}

// fail records that the call for element i, whose slot is sl, panicked or
// exited. A failure after the call was told to stop waits for the end of
// the range; any other fails the stream at its position.
func (o *orderedCrew[T, S]) fail(i int, sl S, f *failure, told bool) {
	o.mu.Lock()
	if told {
		o.keepLate(f)
	} else {
		sl.base().fail = f
		o.cut = min(o.cut, i)
	}
	if f.goexit {
		o.exited(i, sl)
	}
	o.mu.Unlock()
}

// exited records that the worker of element i, whose slot is sl, exits by
// runtime.Goexit: it is gone, so its slot is marked done here. Call it
// with mu held.
func (o *orderedCrew[T, S]) exited(i int, sl S) {
	sl.base().done = true
	o.workers--
	if o.waitFor == i {
		o.wakeConsumer()
	}
}

// checkCrew checks the arguments that every operator on a crew takes, in
// the name of the function the user called.
func checkCrew[T any](name string, ctx context.Context, s iter.Seq2[T, error], nilFunc bool, n int) {
	checkCtx(name, ctx)
	checkStream(name, s)
	checkFunc(name, nilFunc)
	if n < 1 {
		panic(name + ": n must be at least 1")
	}
}

// rangeCrew is one range of an operator on crew c, once c is initialised:
// it runs the feeder, which gives the elements of s to put and says how s
// ended to end, on a goroutine of its own, and consume, which hands
// elements to yield, on the caller's.
func rangeCrew[T, U any](name string, c *crew, s iter.Seq2[T, error], put func(T, error) bool, end func(*failure, bool), consume func(func(U, error) bool) (*failure, bool), yield func(U, error) bool) {
	c.wg.Add(1)
	go feed(name, &c.wg, &c.win, c.stop, s, put, end)
	c.drive(
		func() (*failure, bool) { return consume(yield) },
		func() { var zero U; yield(zero, context.Cause(c.ctx)) },
	)
}

// feed runs the upstream s on the calling goroutine, which wg counts:
// put takes each element (false: stop), win bounds how far s runs ahead
// until stop is closed, and end records how s ended, with told reporting
// whether s had been told to stop. An s that calls yield again after it
// returned false panics there, with name in the message, and so ends.
func feed[T any](name string, wg *sync.WaitGroup, win *window, stop <-chan struct{}, s iter.Seq2[T, error], put func(T, error) bool, end func(f *failure, told bool)) {
	defer wg.Done()
	told, ok := false, false
	defer func() {
		var f *failure
		if !ok {
			f = capture(recover())
		}
		end(f, told)
	}()
	s(func(v T, err error) bool {
		if told {
			yieldAgain(name)
		}
		if !put(v, err) || !win.add(stop) {
			told = true
			return false
		}
		return true
	})
	ok = true
}

// apply calls f the way the workers of a crew do: an error from f makes
// the element (zero, err), whatever value f returned with it.
func apply[T, U any](f func(context.Context, T) (U, error), ctx context.Context, v T) (U, error) {
	u, err := f(ctx, v)
	if err != nil {
		var zero U
		return zero, err
	}
	return u, nil
}
