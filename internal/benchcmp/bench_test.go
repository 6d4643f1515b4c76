package benchcmp

import (
	"iter"
	"testing"
)

// ints returns the slice 0, 1, …, n-1.
func ints(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// million is the input of the synchronous workloads.
var million = ints(1_000_000)

// perElem reports the timed cost of one element, given how many elements
// each iteration handles.
func perElem(b *testing.B, elems int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(elems), "ns/elem")
}

// sumStream adds up the values of s and fails the benchmark at the first
// error element, so every contender's consumer does the same work.
func sumStream(b *testing.B, s iter.Seq2[int, error]) int {
	total := 0
	for v, err := range s {
		if err != nil {
			b.Fatal(err)
		}
		total += v
	}
	return total
}

// checkSum fails the benchmark when a contender lost or duplicated
// elements: every workload knows the sum it must produce.
func checkSum(b *testing.B, name string, got, want int) {
	b.Helper()
	if got != want {
		b.Fatalf("%s: sum = %d, want %d", name, got, want)
	}
}
