package seq

import (
	"context"
	"iter"
)

// MapConcurrent returns a stream of f applied to each value of s, with up
// to n calls of f running at once on goroutines of their own, and the
// results in the order of s.
//
// n counts the elements taken from s and not yet handed to the loop body:
// calls in progress, finished results and errors together. Results wait
// for the ones before them, so a slow call holds back the stream
// (head-of-line blocking): while the result of element i is not ready,
// only elements i+1 to i+n-1 are taken, and once their calls are done no
// call runs until it is. MapConcurrent(ctx, s, n, f) is
// [MapConcurrentWindow](ctx, s, n, n, f): a wider window looks further
// ahead. Use [MapConcurrentUnordered] when order does not matter.
//
// Each range starts one goroutine that ranges over s and, lazily, at most
// n that call f. A panic in f or s is raised at the position where it
// happened, after the results before it.
//
// Inputs and results cross between goroutines under one mutex, results in
// batches, with no allocation per element. With a trivial f on two cores
// that costs about 95 ns per element with n = 64 and 230 ns with n = 4
// (the window of n elements limits the batches), against 760 ns and 460 ns
// for an errgroup-style pipeline over unbuffered channels.
//
// MapConcurrent panics if ctx, s or f is nil or n is less than 1.
func MapConcurrent[T, U any](ctx context.Context, s iter.Seq2[T, error], n int, f func(context.Context, T) (U, error)) iter.Seq2[U, error] {
	return mapOrdered("seq.MapConcurrent", ctx, s, n, n, f)
}

// MapConcurrentWindow is [MapConcurrent] with a look-ahead larger than n:
// up to n calls of f run at once, and up to window elements are taken from
// s and not yet handed to the loop body (calls in progress, finished
// results and errors together). Results come out in the order of s. While
// the result at the head is not ready, later elements are still taken and
// run, n at a time, until window elements are held; only then does a slow
// call hold the others back.
//
// Memory is window inputs and results. Throughput under uneven latencies
// grows with window. With f's latency log-normal (median 2 ms, σ = 1),
// 1,500 elements on two cores, a window of n ran at 0.52, 0.33 and 0.27 of
// [MapConcurrentUnordered]'s throughput for n = 4, 16 and 64; with n = 16,
// windows of 2n, 4n and 8n ran at 0.48, 0.74 and 0.89 of it, and a window
// of 16n as fast as it, for every n. Choose 16n when latencies vary that
// much. When they do not, a smaller window does as well in less memory;
// with a trivial f, windows near 64 hand elements over at the lowest cost.
//
// Each range starts one goroutine that ranges over s and, lazily, at most
// n that call f. A panic in f or s is raised at the position where it
// happened.
//
// MapConcurrentWindow panics if ctx, s or f is nil, n is less than 1 or
// window is less than n.
func MapConcurrentWindow[T, U any](ctx context.Context, s iter.Seq2[T, error], n, window int, f func(context.Context, T) (U, error)) iter.Seq2[U, error] {
	return mapOrdered("seq.MapConcurrentWindow", ctx, s, n, window, f)
}

// mapOrdered builds the stream of MapConcurrentWindow, checking the
// arguments in the name of the function the user called.
func mapOrdered[T, U any](name string, ctx context.Context, s iter.Seq2[T, error], n, window int, f func(context.Context, T) (U, error)) iter.Seq2[U, error] {
	checkCrew(name, ctx, s, f == nil, n)
	if window < n {
		panic(name + ": window must be at least n")
	}
	return func(yield func(U, error) bool) {
		var zero U
		if ctx.Err() != nil {
			yield(zero, context.Cause(ctx))
			return
		}
		o := &ordered[T, U]{f: f}
		o.initOrdered(ctx, n, window, ringSize(window), o.work, o.addSlots)
		rangeCrew(name, &o.crew, s, o.put, o.end, o.consume, yield)
	}
}

// ringSize is the first size of the ring of MapConcurrentWindow: small, so
// that a large window costs memory only when that many elements are in
// flight.
func ringSize(n int) int {
	size := 1
	for size < n && size < 64 {
		size *= 2
	}
	return size
}

// ordered is the engine of MapConcurrentWindow, on an orderedCrew whose
// slots hold one result each.
type ordered[T, U any] struct {
	orderedCrew[T, *mapSlot[T, U]]
	f func(context.Context, T) (U, error)
}

type mapSlot[T, U any] struct {
	slotBase[T]
	out U
}

// addSlots adds slots to free, as many at once as the ring holds (up to
// 64), so that a wide window costs few allocations.
func (o *ordered[T, U]) addSlots() {
	block := make([]mapSlot[T, U], min(len(o.ring), 64))
	for i := range block {
		o.free = append(o.free, &block[i])
	}
}

func (o *ordered[T, U]) work() {
	defer o.wg.Done()
	var sl *mapSlot[T, U]
	i := -1
	for {
		var ok bool
		if i, sl, ok = o.advance(i, sl); !ok {
			return
		}
		o.call(i, sl)
	}
}

func (o *ordered[T, U]) call(i int, sl *mapSlot[T, U]) {
	ok := false
	defer func() {
		if !ok {
			o.fail(i, sl, capture(recover()), false)
		}
	}()
	sl.out, sl.err = apply(o.f, o.fctx, sl.in)
	ok = true
}

// consume hands the results to yield in order.
func (o *ordered[T, U]) consume(yield func(U, error) bool) (*failure, bool) {
	done := o.ctx.Done()
	var local []*mapSlot[T, U]
	for {
		o.mu.Lock()
		o.free = append(o.free, local...) // handed over and cleared
		local = local[:0]
		for o.head < o.fed && o.slot(o.head).done {
			local = append(local, o.slot(o.head))
			o.head++
		}
		if len(local) == 0 {
			if o.fdone && o.head == o.fed {
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
		o.mu.Unlock()
		for _, sl := range local {
			if sl.fail != nil {
				return sl.fail, false
			}
			if doneCheck(done) {
				return nil, true
			}
			v, err := sl.out, sl.err
			*sl = mapSlot[T, U]{}
			o.win.release(1)
			if !yield(v, err) {
				return nil, false
			}
		}
	}
}
