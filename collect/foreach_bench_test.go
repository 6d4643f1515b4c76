package collect_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/itergen/itergen/collect"
	"github.com/itergen/itergen/seq"
)

// BenchmarkForEachConcurrent measures what ForEachConcurrent adds per call
// with a trivial f (an atomic add), for a few n.
func BenchmarkForEachConcurrent(b *testing.B) {
	const elems = 100_000
	in := make([]int, elems)
	for i := range in {
		in[i] = i
	}
	for _, n := range []int{1, 2, 4, 64} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var total atomic.Int64
			f := func(_ context.Context, v int) error {
				total.Add(int64(v))
				return nil
			}
			for i := 0; i < b.N; i++ {
				if err := collect.ForEachConcurrent(context.Background(), seq.Of(in...), n, f); err != nil {
					b.Fatal(err)
				}
			}
			perElem(b, elems)
		})
	}
}
