// Package seq builds and transforms streams: iterators of type
// [iter.Seq2][T, error] whose elements are values or errors. A stream is
// what an async generator function returns in itergen (see the root package
// [github.com/itergen/itergen]), and it works in a plain range loop:
//
//	for v, err := range seq.Take(seq.Map(items(ctx), decode), 10) {
//		if err != nil {
//			return err
//		}
//		use(v)
//	}
//
// # The stream contract
//
// Every function in this package follows the same rules, so they are stated
// once here rather than in each doc comment.
//
// Elements. Each element is a value (v, nil) or an error (zero, err).
//
// Errors are data in flight. A transform passes each error element through
// unchanged, in its position relative to the values around it, and keeps
// going if the consumer keeps going. Counting operators ([Take], [Skip],
// [Chunk], [Batch]) count values only. A failure of a function argument
// ([TryMap]'s f, [MapConcurrent]'s f) becomes an error element at that
// position. To end a stream at its first error, wrap it in [StopOnError];
// to range over plain values and check the error afterwards, use [Values].
//
// Early exit. When the consumer stops (breaks out of the loop, or yield
// returns false), an operator stops its upstream at once, so the upstream's
// deferred cleanup runs, and never calls yield again. Operators that start
// goroutines cancel what they own and wait for every goroutine they started
// before the range statement returns.
//
// Context. Operators that take a ctx stop when it is done: they yield
// [context.Cause] of it once as an error element and end. They check before
// starting, in which case the upstream is never started, and before handing
// over each element. An upstream that is blocked in its own work is waited
// for; cancelling the context it was built with ends it sooner.
//
// Panics. A panic in an upstream or in a function argument of a synchronous
// operator unwinds through the consumer's loop as it is. Operators that run
// code on other goroutines re-panic in the consumer's goroutine with a
// [*PanicError] that holds the original value and the stack of the
// goroutine that panicked. The process never dies from a panic on a
// goroutine this package started.
//
// Misuse. Arguments are checked when the operator is called, not when it is
// ranged: a nil stream, a nil function, a nil context or an n out of range
// panics at once, with a message that starts with the function's name, such
// as "seq.Chunk: n must be at least 1".
//
// Re-iteration. A stream built from re-iterable sources is re-iterable:
// each range starts afresh, and concurrent operators start fresh goroutines.
// Streams over one-shot sources, such as [FromChan], are single use.
//
// Cost. Synchronous operators allocate nothing per element, except where
// the output itself is new memory ([Chunk]'s slices, [Unique]'s set).
//
// # Writing a producer
//
// A producer is a function that returns a stream. Inside it, yield each
// element and return as soon as yield returns false; [YieldFrom] passes a
// whole sub-stream on, like Python's yield from:
//
//	func Tree(ctx context.Context, n *Node) iter.Seq2[*Node, error] {
//		return func(yield func(*Node, error) bool) {
//			if !yield(n, nil) {
//				return
//			}
//			for _, c := range n.Children {
//				if !seq.YieldFrom(yield, Tree(ctx, c)) {
//					return
//				}
//			}
//		}
//	}
//
// For a generator that the consumer drives by hand, with Send, Throw and
// Close, see [github.com/itergen/itergen/agen].
package seq
