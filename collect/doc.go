// Package collect consumes streams: the Go answer to Python's
// [x async for x in g].
//
// A stream is an [iter.Seq2][T, error], built with package
// [github.com/itergen/itergen/seq] or written by hand: each element is a
// value (v, nil) or an error (zero, err). Where Python writes
//
//	xs = [x async for x in g]
//
// Go writes
//
//	xs, err := collect.Slice(g)
//
// # Stopping at the first error
//
// Every function ranges its stream once and stops at the first error
// element: the stream is stopped at once (its deferred cleanup runs) and
// the error is returned unchanged, so [errors.Is] and == work on it. The
// operators of package seq pass errors along as data; a consumer is where
// they end. To drop or replace some errors first, wrap the stream in
// seq.Catch; to range over plain values and look at the error once
// afterwards, use seq.Values.
//
// # Results beside an error
//
// Functions that build a container return what they gathered before the
// error beside it: [Slice], [Sorted] and [SortedFunc] the values so far (nil
// when there are none; the sorted ones sorted), [Partition] both halves so
// far, [Map], [Set] and [GroupBy] the map so far (never nil). Functions that
// compute one value return zero values beside an error, because a partial
// answer would be wrong, not just short: [Count] and [Sum] 0, [Reduce] the
// zero accumulator, [First], [Last], [Find], [Min] and [Max] (zero, false),
// [Any] and [All] false.
//
// # Stopping early
//
// [First], [Find], [Any] and [All] stop the stream as soon as the answer is
// known, so they end even on an infinite stream that holds it. The others
// read to the end or to the first error. Function arguments are called on
// the caller's goroutine, once per value, in stream order, and not after the
// answer is known ([SortedFunc]'s cmp as the sort needs), except in
// [ForEachConcurrent], which is errgroup over a stream: up to n calls of f
// at once, on goroutines of its own, the first error cancelling the rest.
// Apart from [Chan] and [ForEachConcurrent], the package takes no context: build the stream with one (for example with
// seq.WithContext) to bound a slow or endless stream; when the context is
// done the stream yields its cause as an error, and the consumer returns it.
//
// # Panics
//
// A nil stream or nil function panics when the function is called, with a
// message that starts with its name, as in "collect.Slice: nil stream". A
// panic in the stream or in a function argument passes through unchanged;
// [Chan], which runs its stream on a goroutine, re-raises it from wait, and
// [ForEachConcurrent] re-raises a panic of f or of the stream once every
// call has returned; both as a *seq.PanicError that holds the value and the
// stack of the goroutine that panicked.
package collect
