package seq

import (
	"context"
	"iter"
)

// Buffer returns a stream of the elements of s, in their order, produced
// on a goroutine of their own so that s runs up to n elements ahead of the
// consumer: a slow source and a slow loop body then work at the same time.
// n counts the elements s has produced that the consumer has not yet
// taken; while n are waiting, s is held inside its yield.
//
// Each range starts one goroutine, which ranges over s afresh, so the
// stream can be ranged again when s can; a stream never ranged starts
// nothing. Error elements pass through in their positions. An empty s
// gives an empty stream; on an infinite s, Buffer goes on until the loop
// body stops.
//
// When the loop body stops early, s is told to stop at its next yield and
// the range statement returns after s has returned and the goroutine has
// exited. A goroutine blocked inside s (waiting for I/O, say) is waited
// for: cancel the context s was built with to interrupt it.
//
// When ctx is done, the stream yields [context.Cause](ctx) as its last
// element and stops s as above. ctx is checked before s is started, while
// the consumer waits, and before each element is handed over.
//
// A panic in s is raised again in the consumer's goroutine, as a
// *[PanicError] holding the value and the stack of s's goroutine, at the
// position where it happened: after the elements s produced before it. A
// runtime.Goexit in s becomes a runtime.Goexit in the consumer's goroutine.
// A panic raised by s in its cleanup after it was told to stop surfaces
// when the range statement ends, unless the loop body is itself panicking.
//
// A hand-off costs s one mutex and one atomic operation and the consumer
// one atomic operation per element and one mutex per batch it takes:
// about 30 ns per element on two cores, a third of the cost of a buffered
// channel, with no allocation per element.
//
// Buffer panics if ctx or s is nil or n is less than 1.
func Buffer[T any](ctx context.Context, s iter.Seq2[T, error], n int) iter.Seq2[T, error] {
	checkCtx("seq.Buffer", ctx)
	checkStream("seq.Buffer", s)
	if n < 1 {
		panic("seq.Buffer: n must be at least 1")
	}
	srcs := []iter.Seq2[T, error]{s}
	return func(yield func(T, error) bool) {
		runPipe("seq.Buffer", ctx, srcs, n, yield)
	}
}
