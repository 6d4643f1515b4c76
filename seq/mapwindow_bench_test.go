package seq_test

import (
	"context"
	"fmt"
	"iter"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/itergen/itergen/seq"
)

// BenchmarkConcurrentMapWindow measures what a window larger than n costs
// per element with a trivial f, where the hand-off is the whole cost.
func BenchmarkConcurrentMapWindow(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{4, 64} {
		for _, w := range []int{1, 16} {
			b.Run(fmt.Sprintf("n=%d/window=%dn", n, w), func(b *testing.B) {
				concPerElement(b, func(k int) int {
					return concDrain(seq.MapConcurrentWindow(ctx, concCount(0, k), n, w*n, concTrivial))
				})
			})
		}
	}
}

// BenchmarkConcurrentMapByKey measures the cost of the per-key gate with a
// trivial f and n = 4, against MapConcurrentUnordered, which has none.
func BenchmarkConcurrentMapByKey(b *testing.B) {
	ctx := context.Background()
	b.Run("MapConcurrentUnordered", func(b *testing.B) {
		concPerElement(b, func(k int) int {
			return concDrain(seq.MapConcurrentUnordered(ctx, concCount(0, k), 4, concTrivial))
		})
	})
	for _, keys := range []int{1, 16, concBenchLen} {
		b.Run(fmt.Sprintf("MapConcurrentByKey/keys=%d", keys), func(b *testing.B) {
			key := func(v int) int { return v % keys }
			concPerElement(b, func(k int) int {
				return concDrain(seq.MapConcurrentByKey(ctx, concCount(0, k), 4, key, concTrivial))
			})
		})
	}
}

// BenchmarkConcurrentUneven maps 1,500 elements in order with f's latency
// log-normal (median 2 ms, σ = 1), n = 16, for windows from n to 32n, and
// unordered for reference: elems/ms is the throughput. It is how the
// window MapConcurrentWindow's doc recommends was chosen.
func BenchmarkConcurrentUneven(b *testing.B) {
	const elems, n = 1500, 16
	rng := rand.New(rand.NewPCG(1, 0))
	latency := make([]time.Duration, elems)
	for i := range latency {
		latency[i] = time.Duration(float64(2*time.Millisecond) * math.Exp(rng.NormFloat64()))
	}
	f := func(_ context.Context, v int) (int, error) {
		time.Sleep(latency[v])
		return v, nil
	}
	ctx := context.Background()
	run := func(b *testing.B, s func() iter.Seq2[int, error]) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			concSink = concDrain(s())
		}
		ms := float64(b.Elapsed().Nanoseconds()) / float64(time.Millisecond)
		b.ReportMetric(float64(b.N*elems)/ms, "elems/ms")
	}
	b.Run("MapConcurrentUnordered", func(b *testing.B) {
		run(b, func() iter.Seq2[int, error] { return seq.MapConcurrentUnordered(ctx, concCount(0, elems), n, f) })
	})
	for _, w := range []int{1, 2, 4, 8, 16, 32} {
		b.Run(fmt.Sprintf("MapConcurrentWindow/window=%dn", w), func(b *testing.B) {
			run(b, func() iter.Seq2[int, error] { return seq.MapConcurrentWindow(ctx, concCount(0, elems), n, w*n, f) })
		})
	}
}
