// Package seqtest checks that a producer keeps the stream contract of
// [github.com/itergen/itergen/seq]: the checker to run on your own
// producers, as [testing/fstest.TestFS] checks a file system and
// [testing/iotest.TestReader] a reader.
//
// A producer is a function that takes a [context.Context] and returns a
// stream, an [iter.Seq2][T, error]. The mistakes that hurt are the same in
// every producer: calling yield again after it returned false (Go's range
// statement then panics), leaving a goroutine running after the loop
// broke, swallowing the loop body's panic with a recover, ignoring ctx, or
// serving a second range from a source the first one used up. They rarely
// show in a test that ranges the stream once to the end; [TestStream]
// ranges it the ways real loops do and reports what went wrong.
//
// # Writing the test
//
// Hand [TestStream] a function that builds the stream, and fail the test
// with the error it returns:
//
//	func TestUsers(t *testing.T) {
//		srv := httptest.NewServer(fakeAPI())
//		defer srv.Close()
//		err := seqtest.TestStream(func(ctx context.Context) iter.Seq2[User, error] {
//			return Users(ctx, srv.Client(), srv.URL)
//		}, seqtest.Reiterable(), seqtest.Cancellable())
//		if err != nil {
//			t.Fatal(err)
//		}
//	}
//
// TestStream calls the function once per range it makes, so a producer
// over a one-shot source (a channel, a reader, a cursor) must open a fresh
// one in it. Add [Reiterable] when the stream promises that each range
// starts afresh, and [Cancellable] when it takes a ctx.
//
// # What it checks
//
// TestStream ranges the stream to its end once, for reference, and then:
//
//   - breaks at every element of the first 100 and checks that the stream
//     then returns without calling yield again, having yielded the same
//     elements as the full range up to the break;
//   - panics in the loop body at the first element and at one in the
//     middle, and checks that the same panic value comes out of the range
//     statement and that yield is not called again;
//   - after every range, checks that every goroutine the stream started has
//     ended (see below);
//   - checks that yield is never called after the range statement
//     returned, nor by two goroutines at once, and that the loop body runs
//     on the range statement's goroutine where it panics;
//   - with [Reiterable], ranges one stream value twice and compares;
//   - with [Cancellable], cancels the ctx given to the producer, before a
//     range and during ranges, and checks that the stream then ends with
//     an error matching [context.Cause] of the ctx.
//
// A stream that panics or calls [runtime.Goexit] by itself is a finding
// too: every range runs on a goroutine of TestStream's, under a recover,
// so a broken producer never crashes the test binary. TestStream returns
// nil, or one error that lists each kind of breach once, at the first
// range that showed it, with the break position, what happened and what
// was expected.
//
// Elements are compared with [reflect.DeepEqual], errors with [errors.Is]
// either way or by their message. A stream whose elements differ from one
// range to the next — timestamps, random values, completion order of
// concurrent work — cannot be compared as it is: map those elements to
// something stable first.
//
// # Limits
//
// The numbers below are fixed; a producer that needs more does not keep
// the contract in a way a test can see.
//
//   - Length: a range takes at most 101 elements. A longer or infinite
//     stream is cut there, by a break, and checked on its first 100.
//   - Grace period: the goroutines a stream started may take up to 500ms
//     after the range statement returned to end. A stream that waits for
//     its goroutines before it returns, as it should, is checked at once;
//     only a leak costs the full wait, once per call of TestStream.
//   - Time limit: a range that goes 3 seconds without yielding an element
//     and without returning is reported as stuck, naming the range, and
//     TestStream returns at once. The goroutine of that range cannot be
//     stopped and is left behind, blocked wherever the stream blocked;
//     a leak checker such as go.uber.org/goleak will report it too.
//   - Cancellation: the stream must yield the error matching the cause
//     within 10 elements of the cancel, and then end. A stream cancelled
//     during a range that ends exactly where a range without cancelling
//     ends passes without that error, and so does an empty stream
//     cancelled before its range.
//
// # Goroutines
//
// The goroutines a range started are told apart from all others by a
// [runtime/pprof] label that the range's goroutine carries: Go copies a
// goroutine's labels to every goroutine it starts, so whatever the stream
// starts, directly or through other goroutines, carries it too. Goroutines
// that existed before the range (a worker pool started earlier) are not
// the stream's. The goroutines of connection pools are not counted either
// — an idle keep-alive connection of an http.Client, database/sql's
// connection cleaner and opener: a pool outlives a request by design. A
// goroutine that the stream starts once for the whole program, such as a
// lazily started background worker, does count; start it before the
// test. A stream that
// replaces the labels of a goroutine it starts (with [runtime/pprof.Do] on
// a context not derived from the one TestStream gave it) hides that
// goroutine from the check.
//
// The check costs a goroutine dump per range, and a goroutine profile only
// while new goroutines exist; a stream of a few elements is checked in a
// few milliseconds, one cut at 100 elements in tens of milliseconds.
package seqtest
