package seq_test

import (
	"iter"
	"testing"

	"github.com/itergen/itergen/seq"
)

// trCounting returns a stream of 0, 1, … n-1 with no error elements: the
// cheapest source there is, so that benchmarks measure the operators.
func trCounting(n int) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for i := range n {
			if !yield(i, nil) {
				return
			}
		}
	}
}

// BenchmarkPipeline compares Map→Filter→Take over a stream of a million
// values with the same work written by hand in the body of one range loop
// over the same source. ns/elem is per element taken from the source.
func BenchmarkPipeline(b *testing.B) {
	const (
		size = 1_000_000
		take = 400_000
		// Take stops the source after the 400,000th even multiple of 3,
		// that is after 800,000 source elements.
		pulled = 2 * take
	)
	src := func(yield func(int, error) bool) {
		for i := range size {
			if !yield(i, nil) {
				return
			}
		}
	}
	want := 3 * take * (take - 1) // 3·(0+2+…+2(take-1))

	b.Run("hand", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			sum, n, errs := 0, 0, 0
			for v, err := range src {
				if err != nil {
					errs++
					continue
				}
				x := v * 3
				if x%2 != 0 {
					continue
				}
				sum += x
				n++
				if n == take {
					break
				}
			}
			if sum != want || errs != 0 {
				b.Fatalf("sum = %d with %d errors, want %d without", sum, errs, want)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/pulled, "ns/elem")
	})

	b.Run("itergen", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			sum, errs := 0, 0
			s := seq.Take(seq.Filter(seq.Map(src, func(v int) int { return v * 3 }),
				func(x int) bool { return x%2 == 0 }), take)
			for v, err := range s {
				if err != nil {
					errs++
					continue
				}
				sum += v
			}
			if sum != want || errs != 0 {
				b.Fatalf("sum = %d with %d errors, want %d without", sum, errs, want)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/pulled, "ns/elem")
	})
}

// BenchmarkTransforms measures each operator alone over a stream of 1000
// values, built once and ranged b.N times, as a stream passed around in a
// program is (the compiler cannot inline it into the loop). ns/elem is per
// value of the source; allocs/op counts per range of all 1000 values.
func BenchmarkTransforms(b *testing.B) {
	const size = 1000
	src := trCounting(size)
	one := seq.Of(1)
	benchmarks := []struct {
		name string
		s    iter.Seq2[int, error]
	}{
		{"source", src},
		{"Map", seq.Map(src, trTimes10)},
		{"TryMap", seq.TryMap(src, trHalveUnless3)},
		{"Filter", seq.Filter(src, trEven)},
		{"FlatMap", seq.FlatMap(src, func(int) iter.Seq2[int, error] { return one })},
		{"Concat", seq.Concat(src)},
		{"Take", seq.Take(src, size)},
		{"Skip", seq.Skip(src, 10)},
		{"TakeWhile", seq.TakeWhile(src, func(int) bool { return true })},
		{"SkipWhile", seq.SkipWhile(src, trBelow5)},
		{"Scan", seq.Scan(src, 0, trSum)},
		{"Compact", seq.Compact(src)},
		{"Unique", seq.Unique(src)},
		{"Tap", seq.Tap(src, func(int) {})},
		{"StopOnError", seq.StopOnError(src)},
		{"Chunk 100", seq.Map(seq.Chunk(src, 100), func(c []int) int { return len(c) })},
		{"Zip", seq.Map(seq.Zip(src, src), func(p seq.Pair[int, int]) int { return p.First })},
	}
	for _, bm := range benchmarks {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				n := 0
				for _, err := range bm.s {
					if err == nil {
						n++
					}
				}
				if n == 0 {
					b.Fatal("no values")
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/size, "ns/elem")
		})
	}
}
