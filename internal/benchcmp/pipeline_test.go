package benchcmp

import (
	"slices"
	"testing"

	fit "github.com/BooleanCat/go-functional/v2/it"
	loit "github.com/samber/lo/it"

	"github.com/itergen/itergen/seq"
)

// The pipeline workload maps each of a million ints to x*3, keeps the even
// results and takes the first half million of them, which ends the pipeline
// at the last even element: every contender touches the whole input.
const pipelineTake = 500_000

func triple(x int) int  { return x * 3 }
func isEven(x int) bool { return x%2 == 0 }
func pipelineWant() int {
	total, taken := 0, 0
	for _, x := range million {
		if v := triple(x); isEven(v) {
			total += v
			if taken++; taken == pipelineTake {
				break
			}
		}
	}
	return total
}

func BenchmarkPipeline(b *testing.B) {
	want := pipelineWant()
	b.Run("impl=hand", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			total, taken := 0, 0
			for _, x := range million {
				v := triple(x)
				if !isEven(v) {
					continue
				}
				total += v
				if taken++; taken == pipelineTake {
					break
				}
			}
			checkSum(b, "hand", total, want)
		}
		perElem(b, len(million))
	})
	b.Run("impl=itergen", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			// The loop is written out here, as for the other contenders,
			// so the compiler can inline the pipeline into it.
			total, errs := 0, 0
			for v, err := range seq.Take(seq.Filter(seq.Map(seq.Of(million...), triple), isEven), pipelineTake) {
				if err != nil {
					errs++
					continue
				}
				total += v
			}
			if errs != 0 {
				b.Fatalf("itergen: %d error elements, want none", errs)
			}
			checkSum(b, "itergen", total, want)
		}
		perElem(b, len(million))
	})
	// hand-range is the same hand-written loop ranging over the stream
	// instead of the slice: what range-over-func itself costs, which every
	// iterator library pays and a plain slice loop does not.
	b.Run("impl=hand-range", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			total, taken := 0, 0
			for x, err := range seq.Of(million...) {
				if err != nil {
					continue
				}
				v := triple(x)
				if !isEven(v) {
					continue
				}
				total += v
				if taken++; taken == pipelineTake {
					break
				}
			}
			checkSum(b, "hand-range", total, want)
		}
		perElem(b, len(million))
	})
	b.Run("impl=go-functional", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			total := 0
			for v := range fit.Take(fit.Filter(fit.Map(slices.Values(million), triple), isEven), pipelineTake) {
				total += v
			}
			checkSum(b, "go-functional", total, want)
		}
		perElem(b, len(million))
	})
	b.Run("impl=lo", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			total := 0
			for v := range loit.Take(loit.Filter(loit.Map(slices.Values(million), triple), isEven), pipelineTake) {
				total += v
			}
			checkSum(b, "lo", total, want)
		}
		perElem(b, len(million))
	})
}
