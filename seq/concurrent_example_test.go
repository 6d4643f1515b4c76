package seq_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/itergen/itergen/seq"
)

func ExampleBuffer() {
	ctx := context.Background()
	// The lines are produced on a goroutine of their own, up to 2 ahead of
	// the loop body.
	lines := seq.Of("first", "second", "third")
	for line, err := range seq.Buffer(ctx, lines, 2) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(line)
	}
	// Output:
	// first
	// second
	// third
}

func ExampleMerge() {
	ctx := context.Background()
	evens := seq.Of(0, 2, 4)
	odds := seq.Of(1, 3, 5)
	var got []int
	for v, err := range seq.Merge(ctx, evens, odds) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		got = append(got, v)
	}
	// Arrival order varies from run to run; sort to print.
	slices.Sort(got)
	fmt.Println(got)
	// Output:
	// [0 1 2 3 4 5]
}

func ExampleMapConcurrent() {
	ctx := context.Background()
	fetch := func(ctx context.Context, url string) (int, error) {
		if strings.HasSuffix(url, "/missing") {
			return 0, fmt.Errorf("get %s: not found", url)
		}
		return len(url), nil // stands for a request
	}
	urls := seq.Of("https://a.example", "https://b.example/missing", "https://c.example/long")
	// Up to 8 requests at once; results in the order of urls.
	for size, err := range seq.MapConcurrent(ctx, urls, 8, fetch) {
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(size)
	}
	// Output:
	// 17
	// error: get https://b.example/missing: not found
	// 22
}

func ExampleMapConcurrentUnordered() {
	ctx := context.Background()
	square := func(ctx context.Context, v int) (int, error) { return v * v, nil }
	var got []int
	for v, err := range seq.MapConcurrentUnordered(ctx, seq.Of(1, 2, 3, 4), 2, square) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		got = append(got, v)
	}
	// Results come as the calls finish; sort to print.
	slices.Sort(got)
	fmt.Println(got)
	// Output:
	// [1 4 9 16]
}

func ExampleBatch() {
	ctx := context.Background()
	errBad := errors.New("bad record")
	records := func(yield func(int, error) bool) {
		for _, v := range []int{1, 2, 3, 4, 5} {
			if !yield(v, nil) {
				return
			}
		}
		if !yield(0, errBad) {
			return
		}
		yield(6, nil)
	}
	// Batches of up to 2 records, or whatever has come within a minute.
	for batch, err := range seq.Batch(ctx, records, 2, time.Minute) {
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(batch)
	}
	// Output:
	// [1 2]
	// [3 4]
	// [5]
	// error: bad record
	// [6]
}

func ExampleThrottle() {
	ctx := context.Background()
	// At most one element every 10ms, with no burst beyond the first.
	lim := rate.NewLimiter(rate.Every(10*time.Millisecond), 1)
	start := time.Now()
	for v, err := range seq.Throttle(ctx, seq.Of("a", "b", "c"), lim) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(v)
	}
	fmt.Println("at least 20ms:", time.Since(start) >= 20*time.Millisecond)
	// Output:
	// a
	// b
	// c
	// at least 20ms: true
}

func ExamplePanicError() {
	ctx := context.Background()
	parse := func(ctx context.Context, s string) (int, error) {
		if s == "" {
			panic("empty input")
		}
		return len(s), nil
	}
	defer func() {
		// The panic of the worker goroutine reaches the consumer's.
		var pe *seq.PanicError
		if err, ok := recover().(error); ok && errors.As(err, &pe) {
			fmt.Println("recovered:", pe.Value)
			fmt.Println("stack of the worker:", strings.Contains(string(pe.Stack), "ExamplePanicError"))
		}
	}()
	for n, err := range seq.MapConcurrent(ctx, seq.Of("ab", "", "c"), 2, parse) {
		fmt.Println(n, err)
	}
	// Output:
	// 2 <nil>
	// recovered: empty input
	// stack of the worker: true
}

// budget is a Limiter that lets a fixed number of elements through, then
// refuses.
type budget struct{ left int }

var errBudgetSpent = errors.New("budget spent")

func (b *budget) Wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if b.left == 0 {
		return errBudgetSpent
	}
	b.left--
	return nil
}

func ExampleLimiter() {
	ctx := context.Background()
	var lim seq.Limiter = &budget{left: 2}
	for v, err := range seq.Throttle(ctx, seq.Of(1, 2, 3, 4), lim) {
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Println(v)
	}
	// Output:
	// 1
	// 2
	// error: budget spent
}
