// Package itergen brings Python's asynchronous generators (PEP 525, PEP 530)
// to Go's range-over-func iterators. This package holds only documentation;
// the code is in [github.com/itergen/itergen/seq],
// [github.com/itergen/itergen/collect] and [github.com/itergen/itergen/agen],
// and [github.com/itergen/itergen/seq/seqtest] tests your own producers.
//
// # Streams
//
// An async generator function is written as a Go function that takes a
// [context.Context] and returns an [iter.Seq2] of values and errors:
//
//	func Pages(ctx context.Context, client *http.Client) iter.Seq2[Item, error]
//
// Each element is either a value (v, nil) or an error (zero, err). Errors
// are data in flight: operators pass them on in their position and keep
// going, and the consumer decides whether to stop. Such a stream works in a
// plain range loop:
//
//	for item, err := range Pages(ctx, client) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(item)
//	}
//
// Breaking out of the loop stops the producer at once and runs its deferred
// cleanup, as leaving an async for loop over an aclosing() generator does in
// Python. Operators that start goroutines wait for every one of them before
// the loop statement returns: no goroutine outlives the loop.
//
// # From Python to Go
//
//	Python                                      Go with itergen
//	async def gen(): ... yield x                func gen(ctx context.Context) iter.Seq2[T, error]
//	async for x in gen(): ...                   for x, err := range gen(ctx) { ... }
//	[x async for x in gen()]                    collect.Slice(gen(ctx))
//	yield from sub (sync generators only)       if !seq.YieldFrom(yield, sub) { return }
//	x = yield from subgen(), asend forwarded    if err := sub(ctx, yield); err != nil { return err }
//	yield from iterable, inside an agen.Func    if err := agen.YieldFrom(yield, s); err != nil { return err }
//	await g.__anext__() / anext(g)              g.Next()
//	await g.asend(v)                            g.Send(v)
//	await g.athrow(exc)                         g.Throw(err)
//	await g.aclose()                            g.Close()
//	async with aclosing(g): ...                 defer g.Close()
//	raise StopAsyncIteration                    return nil (the caller sees agen.ErrDone)
//	g.ag_running                                calls while running return agen.ErrRunning
//	asyncio.gather / TaskGroup                  seq.MapConcurrent, seq.Merge
//
// # yield from
//
// Python has no yield from in async generators (PEP 525). Its classic
// pagination generator
//
//	async def get_all_data(url):
//	    while url:
//	        page = await fetch(url)
//	        for item in page["items"]:
//	            yield item
//	        url = page["next"]
//
// is a plain producer in Go ([github.com/itergen/itergen/seq.Paginate]
// writes this loop for you):
//
//	func getAllData(ctx context.Context, url string) iter.Seq2[string, error] {
//		return func(yield func(string, error) bool) {
//			for url := url; url != ""; {
//				page, err := fetch(ctx, url)
//				if err != nil {
//					yield("", err)
//					return
//				}
//				for _, item := range page.Items {
//					if !yield(item, nil) {
//						return
//					}
//				}
//				url = page.Next
//			}
//		}
//	}
//
// A bar that yields from foo, then 42, is a producer that passes on foo's
// stream with [github.com/itergen/itergen/seq.YieldFrom]:
//
//	func bar(ctx context.Context) iter.Seq2[int, error] {
//		return func(yield func(int, error) bool) {
//			if !seq.YieldFrom(yield, foo(ctx)) {
//				return
//			}
//			yield(42, nil)
//		}
//	}
//
// or a generator function that calls foo with its own yield, so that Next,
// Send, Throw and Close on bar's [github.com/itergen/itergen/agen.Generator]
// reach foo while it runs, as PEP 380's yield from does:
//
//	func bar(ctx context.Context, yield func(int) (string, error)) error {
//		if err := foo(ctx, yield); err != nil {
//			return err
//		}
//		_, err := yield(42)
//		return err
//	}
//
// # Packages
//
//   - [github.com/itergen/itergen/seq]: sources (Of, Paginate, FromChan, …),
//     transforms (Map, Filter, Take, Chunk, Zip, YieldFrom, …) and
//     concurrency operators (Buffer, Merge, MapConcurrent, Batch, Throttle).
//   - [github.com/itergen/itergen/collect]: consumers that gather a stream
//     into a slice, a map, a group, a sum, or a channel, stopping at the
//     first error.
//   - [github.com/itergen/itergen/agen]: a generator handle with Next, Send,
//     Throw and Close, for driving a generator by hand as asend, athrow and
//     aclose do.
//   - [github.com/itergen/itergen/seq/seqtest]: TestStream, which checks a
//     producer you wrote against the stream contract, as testing/fstest
//     checks a file system.
package itergen
