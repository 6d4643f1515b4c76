package benchcmp

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/destel/rill"
	"golang.org/x/sync/errgroup"

	"github.com/itergen/itergen/collect"
	"github.com/itergen/itergen/seq"
)

// The for-each workload calls a trivial f (an atomic add) for each of 100k
// ints, at most 4 calls at once, and waits for them all: what each
// contender adds per call.
const (
	forEachElems   = 100_000
	forEachWorkers = 4
)

var forEachInput = ints(forEachElems)

func BenchmarkForEachCPU(b *testing.B) {
	want := 0
	for _, x := range forEachInput {
		want += x
	}
	var total atomic.Int64
	add := func(x int) { total.Add(int64(x)) }
	contenders := []struct {
		name string
		run  func() error
	}{
		{"itergen.ForEachConcurrent", func() error {
			return collect.ForEachConcurrent(context.Background(), seq.Of(forEachInput...), forEachWorkers,
				func(_ context.Context, x int) error { add(x); return nil })
		}},
		{"errgroup", func() error {
			// The loop errgroup's documentation teaches: one goroutine per
			// call, SetLimit bounding how many run at once.
			g, ctx := errgroup.WithContext(context.Background())
			g.SetLimit(forEachWorkers)
			for _, x := range forEachInput {
				if ctx.Err() != nil {
					break
				}
				g.Go(func() error { add(x); return nil })
			}
			return g.Wait()
		}},
		{"rill.ForEach", func() error {
			return rill.ForEach(rill.FromSlice(forEachInput, nil), forEachWorkers,
				func(x int) error { add(x); return nil })
		}},
	}
	for _, c := range contenders {
		b.Run("impl="+c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				total.Store(0)
				if err := c.run(); err != nil {
					b.Fatal(err)
				}
				checkSum(b, c.name, int(total.Load()), want)
			}
			perElem(b, forEachElems)
		})
	}
}
