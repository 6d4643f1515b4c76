package collect_test

import (
	"iter"
	"slices"
	"testing"

	"github.com/itergen/itergen/collect"
)

const benchN = 1 << 20 // about a million elements per stream

// benchInts is the plain iterator slices.Collect is measured on; ints is
// the same over a stream.
func benchInts(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

// perElem reports the cost of one element, which reads better than the
// cost of a million.
func perElem(b *testing.B, n int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/elem")
}

// BenchmarkSlice compares collect.Slice with slices.Collect over the
// equivalent iter.Seq: the error check per element should cost next to
// nothing.
func BenchmarkSlice(b *testing.B) {
	b.Run("slices.Collect", func(b *testing.B) {
		b.ReportAllocs()
		s := benchInts(benchN)
		for i := 0; i < b.N; i++ {
			if got := slices.Collect(s); len(got) != benchN {
				b.Fatalf("len = %d", len(got))
			}
		}
		perElem(b, benchN)
	})
	b.Run("collect.Slice", func(b *testing.B) {
		b.ReportAllocs()
		s := ints(benchN)
		for i := 0; i < b.N; i++ {
			if got, err := collect.Slice(s); len(got) != benchN || err != nil {
				b.Fatalf("len = %d, err = %v", len(got), err)
			}
		}
		perElem(b, benchN)
	})
}

// BenchmarkConsumers measures the per-element cost of every consumer that
// reads its stream to the end: ints(n) gives Set n distinct keys, Map and
// GroupBy four.
func BenchmarkConsumers(b *testing.B) {
	for _, c := range consumers() {
		if c.name == "collect.First" {
			continue // reads one element; see BenchmarkFirst
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			s := ints(benchN)
			for i := 0; i < b.N; i++ {
				if err := c.run(s); err != nil {
					b.Fatal(err)
				}
			}
			perElem(b, benchN)
		})
	}
}

// BenchmarkFirst measures one call of First, which reads one element and
// stops the stream: the fixed cost of a consumer.
func BenchmarkFirst(b *testing.B) {
	b.ReportAllocs()
	s := ints(benchN)
	for i := 0; i < b.N; i++ {
		if v, ok, err := collect.First(s); v != 0 || !ok || err != nil {
			b.Fatalf("First = %v, %v, %v", v, ok, err)
		}
	}
}
