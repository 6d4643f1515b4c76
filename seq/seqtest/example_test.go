package seqtest_test

import (
	"context"
	"fmt"
	"iter"

	"github.com/itergen/itergen/seq"
	"github.com/itergen/itergen/seq/seqtest"
)

// Numbers forgets to look at what yield returns, the mistake TestStream
// finds first.
func ExampleTestStream() {
	numbers := func(ctx context.Context) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			for i := 1; i <= 3; i++ {
				yield(i, nil) // should be: if !yield(i, nil) { return }
			}
		}
	}
	fmt.Println(seqtest.TestStream(numbers))
	// Output:
	// seqtest: range 2 (break at element 0): yield was called again (with 2) after it returned false; want the stream to return (and in 1 more range)
}

// Lines reads from a channel filled when the stream is made: the first
// range drains it, and a second range of the same stream finds it empty.
func ExampleReiterable() {
	lines := func(ctx context.Context) iter.Seq2[string, error] {
		ch := make(chan string, 3)
		ch <- "a"
		ch <- "b"
		ch <- "c"
		close(ch)
		return seq.FromChan(ctx, ch)
	}
	fmt.Println(seqtest.TestStream(lines))
	fmt.Println(seqtest.TestStream(lines, seqtest.Reiterable()))
	// Output:
	// <nil>
	// seqtest: range 8 (second range of one stream (Reiterable)): the stream ended after 0 elements; want 3 elements as in the first range
}

// Ticks checks its ctx before each element, but yields ctx.Err() where
// the stream contract wants context.Cause(ctx); the fixed version passes.
func ExampleCancellable() {
	ticks := func(cause bool) func(ctx context.Context) iter.Seq2[int, error] {
		return func(ctx context.Context) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				for i := 0; ; i++ {
					if ctx.Err() != nil {
						err := ctx.Err()
						if cause {
							err = context.Cause(ctx)
						}
						yield(0, err)
						return
					}
					if !yield(i, nil) {
						return
					}
				}
			}
		}
	}
	fmt.Println(seqtest.TestStream(ticks(false), seqtest.Cancellable()))
	fmt.Println(seqtest.TestStream(ticks(true), seqtest.Cancellable()))
	// Output:
	// seqtest: range 104 (ctx cancelled before the range (Cancellable)): the stream ended 1 element after the cancel, the last of them the error "context canceled"; want the stream to end within 10 elements with an error matching context.Cause(ctx) ("seqtest: cancel of range 104") — it matches ctx.Err(), not the cause: yield context.Cause(ctx) (and in 2 more ranges)
	// <nil>
}

// Options add checks; pass those that the stream promises.
func ExampleOption() {
	pages := func(ctx context.Context) iter.Seq2[int, error] {
		return seq.Paginate(ctx, 0, func(ctx context.Context, page int) ([]int, int, error) {
			if page == 3 {
				return []int{page}, 0, nil
			}
			return []int{page}, page + 1, nil
		})
	}
	opts := []seqtest.Option{seqtest.Reiterable(), seqtest.Cancellable()}
	fmt.Println(seqtest.TestStream(pages, opts...))
	// Output:
	// <nil>
}
