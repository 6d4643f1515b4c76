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
// once here; the doc of each function says only what is particular to it.
//
// Elements. Each element is a value (v, nil) or an error (zero, err). An
// operator over an empty stream gives an empty stream unless its doc says
// otherwise.
//
// Errors are data in flight. A transform passes each error element through
// unchanged, in its position relative to the values around it, and keeps
// going if the consumer keeps going; a function argument that takes a value
// is not called for an error element. Counting operators ([Take], [Skip],
// [Chunk], [Batch]) count values only. A failure of a function argument
// ([TryMap]'s f, [MapConcurrent]'s f) becomes the error element (zero, err)
// at that position: the value f returned with the error is dropped. To end
// a stream at its first error, wrap it in [StopOnError]; to drop or replace
// some errors, [Catch]; to range over plain values and check the error
// afterwards, use [Values].
//
// End. An operator ends when its upstream ends, so over an infinite stream
// it runs until the consumer stops, unless it has an end of its own, such
// as [Take]'s n. An operator that drops values ([Filter], [SkipWhile],
// [Compact], [Unique]) may yield no value again over an infinite stream
// whose values it keeps dropping.
//
// Early exit. When the consumer stops (breaks out of the loop, or yield
// returns false), an operator stops its upstream at once, so the upstream's
// deferred cleanup runs, and never calls yield again. Operators that start
// goroutines cancel what they own and wait for every goroutine they started
// before the range statement returns.
//
// An upstream must return once yield has returned false; one that calls
// yield again is a bug, and no operator hangs or spins on it. The yield
// function an operator hands to its upstream panics on that call, with a
// message that names the operator and the mistake:
// "seq.Filter: upstream called yield again after it returned false". Where
// an operator ranges over its upstream with a range statement, Go's own
// runtime error is raised instead. Concurrent operators raise the panic in
// the consumer's goroutine, as a [*PanicError], when the range statement
// ends.
//
// Context. Operators that take a ctx stop when it is done: they yield
// [context.Cause] of it once, as the last element, and end. They check
// before starting, in which case the upstream is never started, and before
// handing over each element, so errors returned only because of the
// cancellation are never passed on. An upstream that is blocked in its own
// work is waited for; cancelling the context it was built with ends it
// sooner.
//
// Panics. Synchronous operators, which are all but those that run code on
// goroutines of their own (see Concurrency below), run their upstream and
// their function arguments on the consumer's goroutine: a panic there
// unwinds through the consumer's loop as it is. Operators that run code on
// other goroutines re-panic in the consumer's goroutine with a [*PanicError]
// that holds the original value and the stack of the goroutine that
// panicked. The process never dies from a panic on a goroutine this package
// started.
//
// Misuse. Arguments are checked when the operator is called, not when it is
// ranged: a nil stream, a nil function, a nil context or an n out of range
// panics at once, with a message that starts with the function's name, such
// as "seq.Chunk: n must be at least 1".
//
// Re-iteration. A stream built from re-iterable sources is re-iterable:
// each range starts afresh, ranging its upstream again with its counters
// and state reset, and concurrent operators start fresh goroutines.
// Streams over one-shot sources, such as [FromChan], are single use.
//
// Cost. Synchronous operators allocate nothing per element, except where
// the output itself is new memory ([Chunk]'s slices, [Unique]'s set).
//
// # Sources
//
// [Of], [From] and [Fail] make a stream of values, of an [iter.Seq] or of
// one error; [Paginate] follows the cursors of a paged API; [FromChan]
// receives from a channel; [Lines] reads the lines of an [io.Reader], and
// [DecodeJSON] the JSON values in one, or the elements of a JSON array (an
// HTTP response body, a file); [Rows] runs an SQL query and yields its rows;
// [Tick] yields the ticks of a [time.Ticker]. They read on the consumer's
// goroutine. Lines, DecodeJSON and FromChan consume what they read, so they
// are single use; the others start afresh on each range.
//
// # Concurrency
//
// These operators run code on goroutines of their own; the list says what
// each range starts and what n counts:
//
//   - [Buffer]: one goroutine that ranges the upstream; n counts the
//     elements produced and not yet taken by the consumer.
//   - [Merge]: one goroutine per source; each runs at most 16 elements
//     ahead of the consumer.
//   - [Batch]: one goroutine that ranges the upstream; n counts the values
//     of a full batch and the elements the upstream may run ahead.
//   - [MapConcurrent]: one goroutine that ranges the upstream and, lazily,
//     up to n that call f; n counts the elements taken and not yet handed
//     over (calls in progress, results and errors), so a slow head holds
//     its slot.
//   - [MapConcurrentWindow]: the same goroutines; n counts the calls of f
//     at once, window the elements taken and not yet handed over.
//   - [MapConcurrentUnordered]: the same goroutines; n counts the calls of f
//     at once, and at most max(n, 64) elements are held.
//   - [MapConcurrentByKey]: the same goroutines, and the upstream's goroutine
//     calls key; n counts the calls of f at once, never two for one key,
//     and at most max(4n, 64) elements are held.
//   - [FlatMapConcurrent]: one goroutine that ranges the upstream and, lazily,
//     up to n that call f and range the streams it returns; n counts the
//     inner streams ranged at once, and an inner stream behind the head
//     waits once 16 of its elements do.
//   - [FlatMapConcurrentUnordered]: the same goroutines, n counting the
//     same; each runs at most 16 elements ahead of the consumer.
//
// [Throttle] needs no goroutine and runs on the consumer's. The concurrent
// operators follow the rules of structured concurrency:
//
//   - Nothing starts until the stream is ranged. Each range starts fresh
//     goroutines, and every one of them has exited before the range
//     statement returns: at the end of the stream, when the loop body
//     breaks, and when it panics or calls runtime.Goexit. Breaking out
//     tells the upstream to stop at its next yield.
//   - f is called with a context derived from the operator's ctx and
//     cancelled when the stream ends, when the loop body stops and when
//     ctx is done.
//   - Code blocked inside an upstream or inside f is waited for. To
//     interrupt it, build the upstream with a context and cancel that
//     context.
//   - ctx is checked before the upstream is started, before each element
//     is handed over and while the consumer waits: once ctx is done, the
//     loop body gets [context.Cause](ctx) as the last element even while
//     the upstream or f is blocked, and the range statement returns when
//     they have returned.
//   - When the stream ends early (the loop body stops, ctx is done or a
//     panic is raised), elements not yet handed over are dropped.
//   - Error elements pass through like values, and a failure of f becomes
//     the error element (zero, err) in its position; the stream goes on as
//     long as the loop body does.
//   - A panic on one of these goroutines never kills the process. It is
//     raised again in the consumer's goroutine as a *[PanicError] holding
//     the value and the stack of the goroutine that panicked, and a
//     runtime.Goexit becomes a runtime.Goexit. The operators that keep the
//     order of their input ([Buffer], [Batch], [MapConcurrent],
//     [MapConcurrentWindow], [FlatMapConcurrent]) raise it at the position
//     where it happened, after the elements before it; the others as soon
//     as they notice. A panic at a position the loop body never reaches,
//     because it stopped before, is dropped; but a panic raised by an
//     upstream after it was told to stop (in its cleanup, say) is raised
//     when the range statement ends. A panic of the loop body itself
//     always wins.
//
// Elements cross between goroutines in batches, under one mutex and an
// atomic counter, with no allocation per element; the package's
// benchmarks and the README's table give the costs per element.
//
// A pipeline that reads pages ahead, fetches 16 documents at a time and
// writes them in batches:
//
//	items := seq.Buffer(ctx, seq.Paginate(ctx, "", fetchPage), 100)
//	docs := seq.MapConcurrent(ctx, items, 16, download)
//	for batch, err := range seq.Batch(ctx, docs, 500, time.Second) {
//		...
//	}
//
// To hand a stream to code that wants a channel, use
// [github.com/itergen/itergen/collect.Chan].
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
