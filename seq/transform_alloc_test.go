package seq_test

import (
	"iter"
	"testing"

	"github.com/itergen/itergen/seq"
)

// TestTransformAllocsPerElement checks the package doc's Cost rule: a full
// range over a stream of 1000 values allocates a small, fixed number of
// times (closures and state made once per range), never once per element.
func TestTransformAllocsPerElement(t *testing.T) {
	const (
		size = 1000
		// maxAllocs bounds the allocations of one full range, far below
		// one per element so that a per-element allocation cannot hide.
		maxAllocs = 30
	)
	src := trCounting(size)
	one := seq.Of(1)
	tests := []struct {
		name string
		s    func() iter.Seq2[int, error] // built outside the measured range
	}{
		{"Map", func() iter.Seq2[int, error] { return seq.Map(src, trTimes10) }},
		{"TryMap", func() iter.Seq2[int, error] { return seq.TryMap(src, trHalveUnless3) }},
		{"Filter", func() iter.Seq2[int, error] { return seq.Filter(src, trEven) }},
		{"FlatMap", func() iter.Seq2[int, error] {
			return seq.FlatMap(src, func(int) iter.Seq2[int, error] { return one })
		}},
		{"Concat", func() iter.Seq2[int, error] { return seq.Concat(src, src, src) }},
		{"Take", func() iter.Seq2[int, error] { return seq.Take(src, size-1) }},
		{"Skip", func() iter.Seq2[int, error] { return seq.Skip(src, 10) }},
		{"TakeWhile", func() iter.Seq2[int, error] { return seq.TakeWhile(src, func(int) bool { return true }) }},
		{"SkipWhile", func() iter.Seq2[int, error] { return seq.SkipWhile(src, trBelow5) }},
		{"Scan", func() iter.Seq2[int, error] { return seq.Scan(src, 0, trSum) }},
		{"Compact", func() iter.Seq2[int, error] { return seq.Compact(src) }},
		// Unique's set grows with the distinct values; four of them keep it
		// small so that what is measured is the per-element cost.
		{"Unique", func() iter.Seq2[int, error] {
			return seq.Unique(seq.Map(src, func(v int) int { return v % 4 }))
		}},
		{"Tap", func() iter.Seq2[int, error] { return seq.Tap(src, func(int) {}) }},
		{"StopOnError", func() iter.Seq2[int, error] { return seq.StopOnError(src) }},
		// A chunk is new memory: one chunk of all values costs one allocation.
		{"Chunk", func() iter.Seq2[int, error] {
			return seq.Map(seq.Chunk(src, size), func(c []int) int { return len(c) })
		}},
		{"Zip", func() iter.Seq2[int, error] {
			return seq.Map(seq.Zip(src, src), func(p seq.Pair[int, int]) int { return p.First })
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.s()
			n := 0
			allocs := testing.AllocsPerRun(20, func() {
				n = 0
				for _, err := range s {
					if err == nil {
						n++
					}
				}
			})
			if n == 0 {
				t.Fatalf("%s yielded no values", tt.name)
			}
			t.Logf("%s: %v allocations per range", tt.name, allocs)
			if allocs > maxAllocs {
				t.Errorf("%s over %d values: %v allocations per range, want at most %d", tt.name, size, allocs, maxAllocs)
			}
		})
	}
}
