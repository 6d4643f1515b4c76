package benchcmp

import (
	"slices"
	"testing"

	"github.com/itergen/itergen/collect"
	"github.com/itergen/itergen/seq"
)

// The collect workload gathers a million ints from a stream into a new
// slice, growing it as it goes.
func BenchmarkCollect(b *testing.B) {
	b.Run("impl=itergen.collect.Slice", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			s, err := collect.Slice(seq.Of(million...))
			if err != nil || len(s) != len(million) {
				b.Fatalf("collect.Slice: len %d, err %v; want len %d, nil", len(s), err, len(million))
			}
		}
		perElem(b, len(million))
	})
	b.Run("impl=slices.Collect", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if s := slices.Collect(slices.Values(million)); len(s) != len(million) {
				b.Fatalf("slices.Collect: len %d, want %d", len(s), len(million))
			}
		}
		perElem(b, len(million))
	})
}
