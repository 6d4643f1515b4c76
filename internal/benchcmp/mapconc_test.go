package benchcmp

import (
	"context"
	"testing"
	"time"

	"github.com/destel/rill"
	"github.com/sourcegraph/conc/stream"
	"golang.org/x/sync/errgroup"

	"github.com/itergen/itergen/seq"
)

// mapContender maps f over data with at most n calls of f at once and
// returns the sum of the results. Every contender reads the same slice with
// its library's own way of turning a slice into a stream, and its consumer
// adds up the results as they arrive.
type mapContender struct {
	name string
	run  func(b *testing.B, data []int, n int, f func(int) int) int
}

var mapContenders = []mapContender{
	{"itergen.MapConcurrent", func(b *testing.B, data []int, n int, f func(int) int) int {
		return sumStream(b, seq.MapConcurrent(context.Background(), seq.Of(data...), n, liftCtx(f)))
	}},
	{"itergen.MapConcurrentUnordered", func(b *testing.B, data []int, n int, f func(int) int) int {
		return sumStream(b, seq.MapConcurrentUnordered(context.Background(), seq.Of(data...), n, liftCtx(f)))
	}},
	{"rill.OrderedMap", func(b *testing.B, data []int, n int, f func(int) int) int {
		return sumTries(b, rill.OrderedMap(rill.FromSlice(data, nil), n, liftErr(f)))
	}},
	{"rill.Map", func(b *testing.B, data []int, n int, f func(int) int) int {
		return sumTries(b, rill.Map(rill.FromSlice(data, nil), n, liftErr(f)))
	}},
	{"conc.stream", func(b *testing.B, data []int, n int, f func(int) int) int {
		total := 0
		s := stream.New().WithMaxGoroutines(n)
		for _, x := range data {
			s.Go(func() stream.Callback {
				v := f(x)
				return func() { total += v }
			})
		}
		s.Wait()
		return total
	}},
	{"errgroup", func(b *testing.B, data []int, n int, f func(int) int) int {
		return errgroupMap(b, data, n, f)
	}},
}

func liftCtx(f func(int) int) func(context.Context, int) (int, error) {
	return func(_ context.Context, x int) (int, error) { return f(x), nil }
}

func liftErr(f func(int) int) func(int) (int, error) {
	return func(x int) (int, error) { return f(x), nil }
}

// sumTries is sumStream for a rill stream.
func sumTries(b *testing.B, in <-chan rill.Try[int]) int {
	total := 0
	for t := range in {
		if t.Error != nil {
			b.Fatal(t.Error)
		}
		total += t.Value
	}
	return total
}

// errgroupMap is the pipeline that x/sync/errgroup's documentation teaches:
// a producer goroutine, n workers and a closer, joined by unbuffered
// channels and cancelled together through the group's context.
func errgroupMap(b *testing.B, data []int, n int, f func(int) int) int {
	g, ctx := errgroup.WithContext(context.Background())
	in := make(chan int)
	out := make(chan int)
	g.Go(func() error {
		defer close(in)
		for _, x := range data {
			select {
			case in <- x:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	})
	for w := 0; w < n; w++ {
		g.Go(func() error {
			for x := range in {
				select {
				case out <- f(x):
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			return nil
		})
	}
	var err error
	done := make(chan struct{})
	go func() {
		err = g.Wait()
		close(out)
		close(done)
	}()
	total := 0
	for v := range out {
		total += v
	}
	<-done
	if err != nil {
		b.Fatal(err)
	}
	return total
}

// The CPU-bound workload maps a trivial function over 100k ints with 4
// workers: it measures what each library adds per element.
const (
	mapCPUElems   = 100_000
	mapCPUWorkers = 4
)

var mapCPUInput = ints(mapCPUElems)

func double(x int) int { return x * 2 }

func BenchmarkMapCPU(b *testing.B) {
	want := 0
	for _, x := range mapCPUInput {
		want += double(x)
	}
	for _, c := range mapContenders {
		b.Run("impl="+c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				checkSum(b, c.name, c.run(b, mapCPUInput, mapCPUWorkers, double), want)
			}
			perElem(b, mapCPUElems)
		})
	}
}

// The I/O-bound workload maps a function that waits 1 ms, as a network call
// would, over 2000 ints with 64 workers. The ideal is 64 elements per
// millisecond; efficiency is the share of that ideal each contender reaches.
const (
	mapIOElems   = 2000
	mapIOWorkers = 64
	mapIOWait    = time.Millisecond
)

var mapIOInput = ints(mapIOElems)

func wait(x int) int {
	time.Sleep(mapIOWait)
	return x
}

func BenchmarkMapIO(b *testing.B) {
	want := 0
	for _, x := range mapIOInput {
		want += x
	}
	ideal := float64(mapIOWorkers) / float64(mapIOWait.Milliseconds())
	for _, c := range mapContenders {
		b.Run("impl="+c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				checkSum(b, c.name, c.run(b, mapIOInput, mapIOWorkers, wait), want)
			}
			perElem(b, mapIOElems)
			ms := float64(b.Elapsed().Nanoseconds()) / float64(time.Millisecond)
			perMS := float64(b.N*mapIOElems) / ms
			b.ReportMetric(perMS, "elems/ms")
			b.ReportMetric(100*perMS/ideal, "%ideal")
		})
	}
}
