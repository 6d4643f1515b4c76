package seq_test

import (
	"context"
	"fmt"
	"iter"
	"testing"

	"github.com/itergen/itergen/seq"
)

// concInner10 is an inner stream of 10 elements computed as it is ranged.
func concInner10(_ context.Context, v int) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for k := range 10 {
			if !yield(10*v+k, nil) {
				return
			}
		}
	}
}

// BenchmarkConcurrentFlatMap reports ns/op per element of the output:
// inner streams of 10 elements, against the synchronous FlatMap.
func BenchmarkConcurrentFlatMap(b *testing.B) {
	ctx := context.Background()
	type flatFunc = func(context.Context, iter.Seq2[int, error], int, func(context.Context, int) iter.Seq2[int, error]) iter.Seq2[int, error]
	b.Run("FlatMap", func(b *testing.B) {
		f := func(v int) iter.Seq2[int, error] { return concInner10(ctx, v) }
		concPerElement(b, func(k int) int {
			return concDrain(seq.FlatMap(concCount(0, k/10), f))
		})
	})
	impls := []struct {
		name string
		op   flatFunc
	}{
		{"FlatMapConcurrentUnordered", seq.FlatMapConcurrentUnordered[int, int]},
		{"FlatMapConcurrent", seq.FlatMapConcurrent[int, int]},
	}
	for _, n := range []int{4, 64} {
		for _, impl := range impls {
			b.Run(fmt.Sprintf("%s/n=%d", impl.name, n), func(b *testing.B) {
				concPerElement(b, func(k int) int {
					return concDrain(impl.op(ctx, concCount(0, k/10), n, concInner10))
				})
			})
		}
	}
}
