package seq_test

import (
	"context"
	"fmt"
	"iter"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/itergen/itergen/seq"
)

// The concurrency benchmarks report ns/op per element: each op is one
// element of a stream of up to 100k. They compare the operators with the
// hand-written pipelines Go programs use today. Run them with
//
//	go test -run='^$' -bench=Concurrent -count=6 ./seq/ | tee /tmp/conc.bench
//	benchstat /tmp/conc.bench

const concBenchLen = 100_000

var concSink int

// concPerElement runs run(k) over streams of at most concBenchLen elements
// until b.N elements have gone through.
func concPerElement(b *testing.B, run func(k int) int) {
	b.ReportAllocs()
	sum := 0
	for left := b.N; left > 0; left -= concBenchLen {
		sum += run(min(left, concBenchLen))
	}
	concSink = sum
}

func concTrivial(_ context.Context, v int) (int, error) { return v + 1, nil }

// concErrgroupMap is the pipeline people write by hand with errgroup:
// a goroutine feeds an unbuffered channel, n workers call f and send on
// another, and the consumer ranges over it.
func concErrgroupMap(ctx context.Context, s iter.Seq2[int, error], n int, f func(context.Context, int) (int, error)) iter.Seq2[int, error] {
	type res struct {
		v   int
		err error
	}
	return func(yield func(int, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		in := make(chan int)
		out := make(chan res)
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(in)
			for v, err := range s {
				if err != nil {
					continue
				}
				select {
				case in <- v:
				case <-ctx.Done():
					return
				}
			}
		}()
		var workers sync.WaitGroup
		for i := 0; i < n; i++ {
			workers.Add(1)
			go func() {
				defer workers.Done()
				for v := range in {
					u, err := f(ctx, v)
					select {
					case out <- res{u, err}:
					case <-ctx.Done():
						return
					}
				}
			}()
		}
		go func() { workers.Wait(); close(out) }()
		defer func() {
			cancel()
			for range out {
			}
			wg.Wait()
		}()
		for r := range out {
			if !yield(r.v, r.err) {
				return
			}
		}
	}
}

func concDrain(s iter.Seq2[int, error]) int {
	sum := 0
	for v := range s {
		sum += v
	}
	return sum
}

func BenchmarkConcurrentMap(b *testing.B) {
	ctx := context.Background()
	type mapFunc = func(context.Context, iter.Seq2[int, error], int, func(context.Context, int) (int, error)) iter.Seq2[int, error]
	impls := []struct {
		name string
		op   mapFunc
	}{
		{"errgroup", concErrgroupMap},
		{"MapConcurrentUnordered", seq.MapConcurrentUnordered[int, int]},
		{"MapConcurrent", seq.MapConcurrent[int, int]},
	}
	for _, n := range []int{4, 64} {
		for _, impl := range impls {
			b.Run(fmt.Sprintf("%s/n=%d", impl.name, n), func(b *testing.B) {
				concPerElement(b, func(k int) int {
					return concDrain(impl.op(ctx, concCount(0, k), n, concTrivial))
				})
			})
		}
	}
}

// BenchmarkConcurrentIO runs 2000 calls that each wait 1ms, 64 at a time:
// 64 elements per millisecond if time.Sleep slept exactly 1ms. The ideal
// row is the ceiling the machine allows: 64 goroutines taking the calls
// from an atomic counter, with no stream at all.
func BenchmarkConcurrentIO(b *testing.B) {
	ctx := context.Background()
	wait := func(_ context.Context, v int) (int, error) {
		time.Sleep(time.Millisecond)
		return v, nil
	}
	type mapFunc = func(context.Context, iter.Seq2[int, error], int, func(context.Context, int) (int, error)) iter.Seq2[int, error]
	impls := []struct {
		name string
		op   mapFunc
	}{
		{"errgroup", concErrgroupMap},
		{"MapConcurrentUnordered", seq.MapConcurrentUnordered[int, int]},
		{"MapConcurrent", seq.MapConcurrent[int, int]},
	}
	b.Run("ideal", func(b *testing.B) {
		b.ReportAllocs()
		const elems, n = 2000, 64
		start := time.Now()
		for i := 0; i < b.N; i++ {
			var next atomic.Int64
			var wg sync.WaitGroup
			for g := 0; g < n; g++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for v := next.Add(1); v <= elems; v = next.Add(1) {
						_, _ = wait(ctx, int(v))
					}
				}()
			}
			wg.Wait()
		}
		perMs := float64(b.N*elems) / (float64(time.Since(start)) / float64(time.Millisecond))
		b.ReportMetric(perMs, "elems/ms")
	})
	for _, impl := range impls {
		b.Run(impl.name, func(b *testing.B) {
			b.ReportAllocs()
			const elems, n = 2000, 64
			start := time.Now()
			for i := 0; i < b.N; i++ {
				concSink = concDrain(impl.op(ctx, concCount(0, elems), n, wait))
			}
			perMs := float64(b.N*elems) / (float64(time.Since(start)) / float64(time.Millisecond))
			b.ReportMetric(perMs, "elems/ms")
		})
	}
}

// concChanBuffer is Buffer written by hand: a goroutine sends on a
// buffered channel.
func concChanBuffer(ctx context.Context, s iter.Seq2[int, error], n int) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		ch := make(chan int, n)
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(ch)
			for v := range s {
				select {
				case ch <- v:
				case <-stop:
					return
				}
			}
		}()
		defer func() { close(stop); wg.Wait() }()
		for v := range ch {
			if !yield(v, nil) {
				return
			}
		}
	}
}

// concChanMerge is Merge written by hand: one goroutine per source, all
// sending on one buffered channel.
func concChanMerge(ctx context.Context, ss ...iter.Seq2[int, error]) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		ch := make(chan int, 16*len(ss))
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for _, s := range ss {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for v := range s {
					select {
					case ch <- v:
					case <-stop:
						return
					}
				}
			}()
		}
		go func() { wg.Wait(); close(ch) }()
		defer func() {
			close(stop)
			for range ch {
			}
		}()
		for v := range ch {
			if !yield(v, nil) {
				return
			}
		}
	}
}

func BenchmarkConcurrentBuffer(b *testing.B) {
	ctx := context.Background()
	b.Run("chan", func(b *testing.B) {
		concPerElement(b, func(k int) int { return concDrain(concChanBuffer(ctx, concCount(0, k), 64)) })
	})
	b.Run("Buffer", func(b *testing.B) {
		concPerElement(b, func(k int) int { return concDrain(seq.Buffer(ctx, concCount(0, k), 64)) })
	})
}

func BenchmarkConcurrentMerge(b *testing.B) {
	ctx := context.Background()
	const sources = 4
	split := func(k int) []iter.Seq2[int, error] {
		ss := make([]iter.Seq2[int, error], sources)
		for i := range ss {
			ss[i] = concCount(0, k/sources+boolInt(i < k%sources))
		}
		return ss
	}
	b.Run("chan", func(b *testing.B) {
		concPerElement(b, func(k int) int { return concDrain(concChanMerge(ctx, split(k)...)) })
	})
	b.Run("Merge", func(b *testing.B) {
		concPerElement(b, func(k int) int { return concDrain(seq.Merge(ctx, split(k)...)) })
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func BenchmarkConcurrentBatch(b *testing.B) {
	ctx := context.Background()
	concPerElement(b, func(k int) int {
		sum := 0
		for batch := range seq.Batch(ctx, concCount(0, k), 64, time.Second) {
			sum += len(batch)
		}
		return sum
	})
}
