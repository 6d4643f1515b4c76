package benchcmp

import (
	"context"
	"iter"
	"testing"

	"github.com/destel/rill"

	"github.com/itergen/itergen/seq"
)

// The flat-map workload expands 10k ints into inner streams of 10 elements
// each, 4 inner streams at once, and adds up the 100k elements in arrival
// order (in input order for the ordered contenders). Inner stream x holds
// 10x, 10x+1, …, 10x+9, computed as it is ranged. Each library builds the
// inner stream its own way: itergen a range-over-func iterator, rill a
// channel that already holds the 10 elements (what rill.FromSlice gives,
// without the slice).
const (
	flatInputs  = 10_000
	flatInner   = 10
	flatWorkers = 4
)

var flatInput = ints(flatInputs)

func flatInnerSeq(_ context.Context, x int) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for k := range flatInner {
			if !yield(flatInner*x+k, nil) {
				return
			}
		}
	}
}

func flatInnerChan(x int) <-chan rill.Try[int] {
	ch := make(chan rill.Try[int], flatInner)
	for k := range flatInner {
		ch <- rill.Try[int]{Value: flatInner*x + k}
	}
	close(ch)
	return ch
}

func BenchmarkFlatMapCPU(b *testing.B) {
	want := 0
	for x := range flatInputs * flatInner {
		want += x
	}
	ctx := context.Background()
	contenders := []struct {
		name string
		run  func(b *testing.B) int
	}{
		{"itergen.FlatMapConcurrentUnordered", func(b *testing.B) int {
			return sumStream(b, seq.FlatMapConcurrentUnordered(ctx, seq.Of(flatInput...), flatWorkers, flatInnerSeq))
		}},
		{"itergen.FlatMapConcurrent", func(b *testing.B) int {
			return sumStream(b, seq.FlatMapConcurrent(ctx, seq.Of(flatInput...), flatWorkers, flatInnerSeq))
		}},
		{"rill.FlatMap", func(b *testing.B) int {
			return sumTries(b, rill.FlatMap(rill.FromSlice(flatInput, nil), flatWorkers, flatInnerChan))
		}},
	}
	for _, c := range contenders {
		b.Run("impl="+c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				checkSum(b, c.name, c.run(b), want)
			}
			perElem(b, flatInputs*flatInner)
		})
	}
}
