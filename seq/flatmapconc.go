package seq

import (
	"context"
	"iter"
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
	checkCrew(name, ctx, s, f == nil, n)
	return func(yield func(U, error) bool) {
		var zero U
		if ctx.Err() != nil {
			yield(zero, context.Cause(ctx))
			return
		}
		o := &flatOrdered[T, U]{f: f}
		o.initOrdered(ctx, n, max(n, flatQueue), 8, o.work, o.addSlot)
		rangeCrew(name, &o.crew, s, o.put, o.end, o.consume, yield)
	}
}

// flatOrdered is the engine of FlatMapConcurrent, on an orderedCrew whose
// slots hold the elements of one inner stream: a worker that claims a slot
// ranges its inner stream, appending to buf, and the slot's window holds
// the stream once flatAhead elements wait.
type flatOrdered[T, U any] struct {
	orderedCrew[T, *flatSlot[T, U]]
	f func(context.Context, T) iter.Seq2[U, error]
}

type flatSlot[T, U any] struct {
	slotBase[T]
	buf []flatItem[U] // put by the worker, not yet taken by the consumer
	win window
}

// addSlot adds a slot to free.
func (o *flatOrdered[T, U]) addSlot() {
	sl := new(flatSlot[T, U])
	sl.win.init(flatAhead)
	o.free = append(o.free, sl)
}

// A flatItem is an element of an inner stream, or an error element of s.
type flatItem[U any] struct {
	v   U
	err error
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
