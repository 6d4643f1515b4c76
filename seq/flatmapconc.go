package seq

import (
	"context"
	"iter"
	"math"
)

// FlatMapConcurrent returns a stream of the elements of f(ctx, v) for each
// value v of s, with up to n inner streams ranged at once on goroutines of
// their own, and the output of [FlatMap]: the inner streams one after
// another, in the order of s, each in its own order. A nil inner stream is
// an error element in its place, as in FlatMap.
//
// n counts the inner streams being ranged at once; f is called on the
// goroutine that then ranges its stream. The elements of the first inner
// stream not yet handed over in full (the head) are handed over as they
// come. Each other inner stream runs ahead: it is held inside its yield
// once 16 of its elements wait to be handed over, and resumes when it
// becomes the head. At most max(n, 64) elements of s are taken and not yet
// handed over (inner streams queued, running or finished and waiting), so
// at most 16 × max(n, 64) elements wait. A slow head holds back the
// stream: the other goroutines go on only until their streams are held.
//
// Each range starts one goroutine that ranges over s and, lazily, at most
// n that call f and range the inner streams. A panic in f, in an inner
// stream or in s is raised at the position where it happened; an inner
// stream that calls yield again after it returned false is such a panic.
//
// FlatMapConcurrent panics if ctx, s or f is nil or n is less than 1.
func FlatMapConcurrent[T, U any](ctx context.Context, s iter.Seq2[T, error], n int, f func(context.Context, T) iter.Seq2[U, error]) iter.Seq2[U, error] {
	const name = "seq.FlatMapConcurrent"
	checkCtx(name, ctx)
	checkStream(name, s)
	checkFunc(name, f == nil)
	if n < 1 {
		panic(name + ": n must be at least 1")
	}
	return func(yield func(U, error) bool) {
		var zero U
		if ctx.Err() != nil {
			yield(zero, context.Cause(ctx))
			return
		}
		o := &flatOrdered[T, U]{f: f, cut: math.MaxInt, ring: make([]*flatSlot[T, U], 8)}
		o.init(ctx, n, max(n, flatQueue), o.work)
		o.wg.Add(1)
		go feed("seq.FlatMapConcurrent", &o.wg, &o.win, o.stop, s, o.put, o.end)
		o.drive(
			func() (*failure, bool) { return o.consume(yield) },
			func() { yield(zero, context.Cause(ctx)) },
		)
	}
}

// flatOrdered is the engine of FlatMapConcurrent. Element i of s lives in
// a slot found at ring[i&(len(ring)-1)] from the time the feeder takes it
// until the consumer has handed over all of it. A worker that claims a
// slot ranges its inner stream, appending to buf; the slot's window holds
// the stream once flatAhead elements wait. Slots are recycled through free.
type flatOrdered[T, U any] struct {
	crew
	f func(context.Context, T) iter.Seq2[U, error]

	// Guarded by mu.
	ring    []*flatSlot[T, U] // a power of two long
	free    []*flatSlot[T, U]
	head    int // first element of s not yet handed over
	fed     int // elements taken from s
	next    int // first value not claimed by a worker, or fed
	cut     int // elements from cut on are not wanted: a failure is there
	waitFor int // the element the consumer sleeps on, when cwait is set
	endFail *failure
}

type flatSlot[T, U any] struct {
	in   T
	buf  []flatItem[U] // put by the worker, not yet taken by the consumer
	win  window
	err  error // the slot is this error element of s
	fail *failure
	done bool // nothing more comes into buf
}

// A flatItem is an element of an inner stream; win is the window to
// release when it is handed over (FlatMapConcurrentUnordered only).
type flatItem[U any] struct {
	v   U
	err error
	win *window
}

func (o *flatOrdered[T, U]) slot(i int) *flatSlot[T, U] {
	return o.ring[i&(len(o.ring)-1)]
}

// put takes element fed of s.
func (o *flatOrdered[T, U]) put(v T, err error) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.halted || o.fed >= o.cut {
		return false
	}
	if o.fed-o.head == len(o.ring) {
		ring := make([]*flatSlot[T, U], 2*len(o.ring))
		for i := o.head; i < o.fed; i++ {
			ring[i&(len(ring)-1)] = o.slot(i)
		}
		o.ring = ring
	}
	var sl *flatSlot[T, U]
	if k := len(o.free); k > 0 {
		sl, o.free = o.free[k-1], o.free[:k-1]
	} else {
		sl = new(flatSlot[T, U])
		sl.win.init(flatAhead)
	}
	i := o.fed
	o.ring[i&(len(o.ring)-1)] = sl
	o.fed++
	if err != nil {
		sl.err, sl.done = err, true
		if o.next == i {
			o.next = o.fed
		}
		if o.waitFor == i {
			o.wakeConsumer()
		}
		return true
	}
	sl.in = v
	o.wakeWorkers(1, 1)
	return true
}

func (o *flatOrdered[T, U]) end(f *failure, told bool) {
	o.mu.Lock()
	o.fdone = true
	switch {
	case f == nil:
	case told:
		if o.late == nil {
			o.late = f
		}
	default:
		o.endFail = f
		o.cut = min(o.cut, o.fed)
	}
	o.wakeConsumer()
	o.mu.Unlock()
}

// flatWorker is what one worker of FlatMapConcurrent knows of the inner
// stream it ranges.
type flatWorker[T, U any] struct {
	inner[T, U]
	o  *flatOrdered[T, U]
	i  int
	sl *flatSlot[T, U]
}

func (o *flatOrdered[T, U]) work() {
	defer o.wg.Done()
	w := &flatWorker[T, U]{o: o, i: -1}
	w.init("seq.FlatMapConcurrent", o.f, o.fctx, o.stop, w.put)
	for {
		var ok bool
		if w.i, w.sl, ok = o.advance(w.i, w.sl); !ok {
			return
		}
		w.call()
	}
}

// call ranges the inner stream of the claimed slot and records a failure.
func (w *flatWorker[T, U]) call() {
	ok := false
	defer func() {
		if !ok {
			w.o.fail(w.i, w.sl, capture(recover()), w.told)
		}
	}()
	w.win = &w.sl.win
	v := w.sl.in
	var zero T
	w.sl.in = zero
	w.run(v)
	ok = true
}

func (w *flatWorker[T, U]) put(u U, err error) bool {
	o := w.o
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.halted || w.i >= o.cut {
		return false
	}
	w.sl.buf = append(w.sl.buf, flatItem[U]{v: u, err: err})
	if o.waitFor == w.i {
		o.wakeConsumer()
	}
	return true
}

// advance marks the slot of element prev done, if there is one, and claims
// the next value, parking while there is none.
func (o *flatOrdered[T, U]) advance(prev int, psl *flatSlot[T, U]) (int, *flatSlot[T, U], bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if psl != nil {
		psl.done = true
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
			for o.next < o.fed && o.slot(o.next).done { // error elements of s
				o.next++
			}
			o.searching--
			o.wakeWorkers(min(o.fed, o.cut)-o.next, 2)
			return i, sl, true
		}
		o.park()
	}
	return 0, nil, false
}

// fail records that the worker ranging element i panicked or exited. A
// failure after the stream was told to stop surfaces when the range ends;
// any other fails the stream at its position. An exiting worker is gone,
// so its slot is marked done here.
func (o *flatOrdered[T, U]) fail(i int, sl *flatSlot[T, U], f *failure, told bool) {
	o.mu.Lock()
	if told {
		if o.late == nil {
			o.late = f
		}
	} else {
		sl.fail = f
		o.cut = min(o.cut, i)
	}
	if f.goexit {
		sl.done = true
		o.workers--
		if o.waitFor == i {
			o.wakeConsumer()
		}
	}
	o.mu.Unlock()
}

// consume hands the elements to yield in order: those of the head slot as
// they come, then the head's failure or error element, if any.
func (o *flatOrdered[T, U]) consume(yield func(U, error) bool) (*failure, bool) {
	done := o.ctx.Done()
	var local []flatItem[U]
	for {
		o.mu.Lock()
		var sl *flatSlot[T, U]
		if o.head < o.fed {
			sl = o.slot(o.head)
		}
		if sl == nil || (len(sl.buf) == 0 && !sl.done) {
			if sl == nil && o.fdone {
				f := o.endFail
				o.mu.Unlock()
				if f != nil {
					return f, false
				}
				return nil, doneCheck(done)
			}
			o.waitFor = o.head
			if !o.await(done) {
				return nil, true
			}
			continue
		}
		local, sl.buf = sl.buf, local[:0]
		passed := sl.done
		var fail *failure
		var err error
		if passed {
			// The worker is gone: the slot's window needs no release.
			fail, err = sl.fail, sl.err
			o.head++
			o.win.release(1)
			o.recycle(sl)
		}
		o.mu.Unlock()
		for k := range local {
			if doneCheck(done) {
				return nil, true
			}
			if !passed {
				sl.win.release(1)
			}
			if !yield(local[k].v, local[k].err) {
				return nil, false
			}
		}
		clear(local)
		switch {
		case fail != nil:
			return fail, false
		case err != nil:
			if doneCheck(done) {
				return nil, true
			}
			var zero U
			if !yield(zero, err) {
				return nil, false
			}
		}
	}
}

// recycle readies a slot the consumer has passed for the feeder to reuse.
// Call it with mu held.
func (o *flatOrdered[T, U]) recycle(sl *flatSlot[T, U]) {
	var zero T
	sl.in, sl.err, sl.fail, sl.done = zero, nil, nil, false
	sl.win.count.Store(0)
	sl.win.waiting.Store(false)
	select {
	case <-sl.win.wake:
	default:
	}
	o.free = append(o.free, sl)
}
