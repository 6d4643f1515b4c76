package seq

import (
	"context"
	"iter"
)

// flatAhead is how many elements of one inner stream of FlatMapConcurrent
// and FlatMapConcurrentUnordered may wait for the consumer before the
// stream is held inside its yield: enough to hand elements over in
// batches, little enough that n inner streams cannot fill memory.
const flatAhead = 16

// flatQueue is how many elements of s FlatMapConcurrent and
// FlatMapConcurrentUnordered take ahead of their goroutines when n is
// smaller, so that a goroutine that finishes an inner stream finds the
// next value already there.
const flatQueue = 64

// An inner ranges the inner streams of one goroutine of the flat-maps, one
// after another, with a yield function built once per goroutine so that
// ranging allocates nothing per stream or element.
type inner[T, U any] struct {
	name string
	f    func(context.Context, T) iter.Seq2[U, error]
	ctx  context.Context // given to f
	stop <-chan struct{} // closed when the consumer is done
	// put hands an element to the consumer; false tells the stream to stop.
	put func(U, error) bool
	// win bounds the elements put and not yet handed over.
	win   *window
	told  bool // the stream being ranged was told to stop
	yield func(U, error) bool
}

func (r *inner[T, U]) init(name string, f func(context.Context, T) iter.Seq2[U, error], ctx context.Context, stop <-chan struct{}, put func(U, error) bool) {
	r.name, r.f, r.ctx, r.stop, r.put = name, f, ctx, stop, put
	r.yield = func(u U, err error) bool {
		if r.told {
			panic(r.name + ": inner stream called yield again after it returned false")
		}
		if !r.put(u, err) || !r.win.add(r.stop) {
			r.told = true
			return false
		}
		return true
	}
}

// run calls f with v and ranges the stream it returns; a nil stream is an
// error element, as in FlatMap. A panic in f or in the stream unwinds to
// the caller, which tells by r.told whether the stream had been told to
// stop.
func (r *inner[T, U]) run(v T) {
	r.told = false
	is := r.f(r.ctx, v)
	if is == nil {
		var zero U
		r.yield(zero, errNilInner)
		return
	}
	is(r.yield)
}
