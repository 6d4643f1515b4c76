package seq

import (
	"context"
	"iter"
	"sync"
)

// FlatMapConcurrentUnordered returns a stream of the elements of f(ctx, v)
// for each value v of s, with up to n inner streams ranged at once on
// goroutines of their own, and the elements in the order they arrive; the
// elements of one inner stream keep their order. A nil inner stream is an
// error element, as in [FlatMap].
//
// n counts the inner streams being ranged at once; f is called on the
// goroutine that then ranges its stream. Each of these goroutines runs at
// most 16 elements ahead of the consumer: it is held inside the yield of
// its inner stream while 16 of its elements wait. At most max(n, 64)
// elements of s wait for a goroutine (values) or for the loop body
// (errors).
//
// Each range starts one goroutine that ranges over s and, lazily, at most
// n that call f and range the inner streams. A panic in f, in an inner
// stream or in s is raised as soon as the consumer notices it; an inner
// stream that calls yield again after it returned false is such a panic.
//
// FlatMapConcurrentUnordered panics if ctx, s or f is nil or n is less
// than 1.
func FlatMapConcurrentUnordered[T, U any](ctx context.Context, s iter.Seq2[T, error], n int, f func(context.Context, T) iter.Seq2[U, error]) iter.Seq2[U, error] {
	const name = "seq.FlatMapConcurrentUnordered"
	checkCrew(name, ctx, s, f == nil, n)
	return func(yield func(U, error) bool) {
		var zero U
		if ctx.Err() != nil {
			yield(zero, context.Cause(ctx))
			return
		}
		u := &flatUnordered[T, U]{f: f}
		u.init(ctx, n, max(n, flatQueue), u.work)
		rangeCrew(name, &u.crew, s, u.put, u.end, u.consume, yield)
	}
}

// flatUnordered is the engine of FlatMapConcurrentUnordered: values of s
// wait in a queue for a worker. Each worker puts the elements of its inner
// streams in a buffer of its own, under a lock of its own, and lists the
// buffer in ready when it was empty, so that the workers meet on the
// crew's lock once per batch rather than once per element; the consumer
// takes the listed buffers all at once, and the error elements of s from
// out. Each worker has a window for the elements it put; the error
// elements of s count in the feeder's window, as do the queued values.
type flatUnordered[T, U any] struct {
	unorderedCrew[T]
	f func(context.Context, T) iter.Seq2[U, error]

	// Guarded by mu.
	out   []flatItem[U]
	ready []*flatUnorderedWorker[T, U] // workers with elements in buf
}

func (u *flatUnordered[T, U]) put(v T, err error) bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.halted {
		return false
	}
	if err != nil {
		var zero U
		u.out = append(u.out, flatItem[U]{v: zero, err: err})
		u.wakeConsumer()
		return true
	}
	u.in.push(v)
	u.wakeWorkers(1, 1)
	return true
}

// flatUnorderedWorker is one worker of FlatMapConcurrentUnordered, with
// the window of the elements it put and the buffer they wait in.
type flatUnorderedWorker[T, U any] struct {
	inner[T, U]
	u   *flatUnordered[T, U]
	own window

	mu     sync.Mutex
	buf    []flatItem[U] // guarded by mu
	listed bool          // buf is in the crew's ready; guarded by mu
}

func (u *flatUnordered[T, U]) work() {
	defer u.wg.Done()
	w := &flatUnorderedWorker[T, U]{u: u}
	w.own.init(flatAhead)
	w.win = &w.own
	w.init("seq.FlatMapConcurrentUnordered", u.f, u.fctx, u.stop, w.put)
	ranged := false
	for {
		v, ok := u.advance(ranged)
		if !ok {
			return
		}
		ranged = w.call(v)
	}
}

// call ranges the inner stream of v; it reports false, after recording the
// failure, if f or the stream panicked.
func (w *flatUnorderedWorker[T, U]) call(v T) bool {
	ok := false
	defer func() {
		if !ok {
			w.u.callFailed(capture(recover()), w.told)
		}
	}()
	w.run(v)
	ok = true
	return true
}

func (w *flatUnorderedWorker[T, U]) put(v U, err error) bool {
	u := w.u
	if u.failing.Load() || doneCheck(u.stop) {
		return false
	}
	w.mu.Lock()
	w.buf = append(w.buf, flatItem[U]{v: v, err: err})
	list := !w.listed
	w.listed = true
	w.mu.Unlock()
	if list {
		u.mu.Lock()
		u.ready = append(u.ready, w)
		u.wakeConsumer()
		u.mu.Unlock()
	}
	return true
}

// take swaps the elements waiting in w's buffer for local, emptied, and
// returns them.
func (w *flatUnorderedWorker[T, U]) take(local []flatItem[U]) []flatItem[U] {
	w.mu.Lock()
	local, w.buf = w.buf, local[:0]
	w.listed = false
	w.mu.Unlock()
	return local
}

// advance records the end of the previous inner stream, if there was one,
// and claims the next value, parking while there is none.
func (u *flatUnordered[T, U]) advance(ranged bool) (T, bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if ranged {
		u.running--
		u.searching++
		u.wakeConsumer()
	}
	v, ok := u.claim()
	if ok {
		u.win.release(1) // it leaves the feeder's window
	}
	return v, ok
}

// consume hands the elements to yield as they come.
func (u *flatUnordered[T, U]) consume(yield func(U, error) bool) (*failure, bool) {
	done := u.ctx.Done()
	var errs, local []flatItem[U]
	var ready []*flatUnorderedWorker[T, U]
	for {
		u.mu.Lock()
		if u.fail != nil {
			f := u.fail
			u.mu.Unlock()
			return f, false
		}
		if len(u.out) == 0 && len(u.ready) == 0 {
			if u.finished() {
				u.mu.Unlock()
				return nil, doneCheck(done)
			}
			if !u.await(done) {
				return nil, true
			}
			continue
		}
		errs, u.out = u.out, errs[:0]
		ready, u.ready = u.ready, ready[:0]
		u.mu.Unlock()
		for i := range errs {
			if doneCheck(done) {
				return nil, true
			}
			u.win.release(1) // error elements of s count in the feeder's window
			if !yield(errs[i].v, errs[i].err) {
				return nil, false
			}
		}
		clear(errs)
		for _, w := range ready {
			local = w.take(local)
			for i := range local {
				if doneCheck(done) {
					return nil, true
				}
				w.own.release(1)
				if !yield(local[i].v, local[i].err) {
					return nil, false
				}
			}
			clear(local)
		}
		clear(ready)
	}
}
