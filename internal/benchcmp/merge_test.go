package benchcmp

import (
	"context"
	"iter"
	"sync"
	"testing"

	"github.com/destel/rill"

	"github.com/itergen/itergen/seq"
)

// The merge workload fans 8 sources of 12,500 ints each into one stream of
// 100k elements, in arrival order, and adds them up.
const (
	mergeSources = 8
	mergeElems   = 100_000
)

var mergeInput = func() [][]int {
	all := ints(mergeElems)
	parts := make([][]int, mergeSources)
	size := mergeElems / mergeSources
	for i := range parts {
		parts[i] = all[i*size : (i+1)*size]
	}
	return parts
}()

// handMerge is the fan-in written by hand: one goroutine per source, all
// sending on one unbuffered channel that a WaitGroup closes.
func handMerge(parts [][]int) int {
	out := make(chan int)
	var wg sync.WaitGroup
	wg.Add(len(parts))
	for _, p := range parts {
		go func() {
			defer wg.Done()
			for _, x := range p {
				out <- x
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	total := 0
	for v := range out {
		total += v
	}
	return total
}

func BenchmarkMerge(b *testing.B) {
	want := 0
	for _, p := range mergeInput {
		for _, x := range p {
			want += x
		}
	}
	b.Run("impl=itergen", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			srcs := make([]iter.Seq2[int, error], len(mergeInput))
			for j, p := range mergeInput {
				srcs[j] = seq.Of(p...)
			}
			checkSum(b, "itergen", sumStream(b, seq.Merge(context.Background(), srcs...)), want)
		}
		perElem(b, mergeElems)
	})
	b.Run("impl=rill", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			srcs := make([]<-chan rill.Try[int], len(mergeInput))
			for j, p := range mergeInput {
				srcs[j] = rill.FromSlice(p, nil)
			}
			checkSum(b, "rill", sumTries(b, rill.Merge(srcs...)), want)
		}
		perElem(b, mergeElems)
	})
	b.Run("impl=hand", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			checkSum(b, "hand", handMerge(mergeInput), want)
		}
		perElem(b, mergeElems)
	})
}
