package benchcmp

import (
	"context"
	"math"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/destel/rill"

	"github.com/itergen/itergen/seq"
)

// The uneven workload maps, in order, a function whose latency varies as
// remote calls do: log-normal with a median of 2 ms and σ = 1, so one call
// in ten takes over 7 ms and one in a hundred over 20 ms. Every contender
// gets the same 1,500 latencies, drawn once from a fixed seed. Ordered
// maps whose window is n stall behind each slow call; unordered ones do
// not, and MapConcurrentWindow looks far enough ahead not to.
const (
	unevenElems  = 1500
	unevenMedian = 2 * time.Millisecond
	unevenSigma  = 1.0
	// unevenWindow is the window MapConcurrentWindow's doc recommends for
	// uneven latencies, as a multiple of n.
	unevenWindow = 16
)

var (
	unevenInput   = ints(unevenElems)
	unevenLatency = func() []time.Duration {
		rng := rand.New(rand.NewPCG(1, 0))
		d := make([]time.Duration, unevenElems)
		for i := range d {
			d[i] = time.Duration(float64(unevenMedian) * math.Exp(unevenSigma*rng.NormFloat64()))
		}
		return d
	}()
)

// sleepUneven waits the latency of element x and returns x.
func sleepUneven(x int) int {
	time.Sleep(unevenLatency[x])
	return x
}

var unevenContenders = []mapContender{
	{"itergen.MapConcurrentWindow", func(b *testing.B, data []int, n int, f func(int) int) int {
		return sumStream(b, seq.MapConcurrentWindow(context.Background(), seq.Of(data...), n, unevenWindow*n, liftCtx(f)))
	}},
	{"itergen.MapConcurrent", func(b *testing.B, data []int, n int, f func(int) int) int {
		return sumStream(b, seq.MapConcurrent(context.Background(), seq.Of(data...), n, liftCtx(f)))
	}},
	{"itergen.MapConcurrentUnordered", func(b *testing.B, data []int, n int, f func(int) int) int {
		return sumStream(b, seq.MapConcurrentUnordered(context.Background(), seq.Of(data...), n, liftCtx(f)))
	}},
	{"rill.OrderedMap", func(b *testing.B, data []int, n int, f func(int) int) int {
		return sumTries(b, rill.OrderedMap(rill.FromSlice(data, nil), n, liftErr(f)))
	}},
}

// benchUneven runs the uneven workload with n workers; elems/ms is the
// throughput, to compare ordered maps with the unordered one.
func benchUneven(b *testing.B, n int) {
	want := 0
	for _, x := range unevenInput {
		want += x
	}
	for _, c := range unevenContenders {
		b.Run("impl="+c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				checkSum(b, c.name, c.run(b, unevenInput, n, sleepUneven), want)
			}
			perElem(b, unevenElems)
			ms := float64(b.Elapsed().Nanoseconds()) / float64(time.Millisecond)
			b.ReportMetric(float64(b.N*unevenElems)/ms, "elems/ms")
		})
	}
}

func BenchmarkMapUneven4(b *testing.B)  { benchUneven(b, 4) }
func BenchmarkMapUneven16(b *testing.B) { benchUneven(b, 16) }
func BenchmarkMapUneven64(b *testing.B) { benchUneven(b, 64) }

// The by-key workload maps a trivial function over 100k ints with 4
// workers and 16 keys (x mod 16), one call per key at a time and each
// key's results in order; MapConcurrentUnordered, with no keys, is the
// cost to compare with.
const byKeyKeys = 16

func keyOf(x int) int { return x % byKeyKeys }

// shardedMap is per-key order by hand: each value goes over a channel to
// the worker its key hashes to, so one key's values are mapped one after
// the other, in order, and the workers' results meet on one channel.
func shardedMap(data []int, n int, key func(int) int, f func(int) int) int {
	ins := make([]chan int, n)
	out := make(chan int, n)
	var wg sync.WaitGroup
	wg.Add(n)
	for w := range ins {
		ins[w] = make(chan int, 1)
		go func() {
			defer wg.Done()
			for x := range ins[w] {
				out <- f(x)
			}
		}()
	}
	go func() {
		for _, x := range data {
			ins[key(x)%n] <- x
		}
		for _, in := range ins {
			close(in)
		}
		wg.Wait()
		close(out)
	}()
	total := 0
	for v := range out {
		total += v
	}
	return total
}

func BenchmarkMapByKey(b *testing.B) {
	want := 0
	for _, x := range mapCPUInput {
		want += double(x)
	}
	contenders := []mapContender{
		{"itergen.MapConcurrentByKey", func(b *testing.B, data []int, n int, f func(int) int) int {
			return sumStream(b, seq.MapConcurrentByKey(context.Background(), seq.Of(data...), n, keyOf, liftCtx(f)))
		}},
		{"itergen.MapConcurrentUnordered", func(b *testing.B, data []int, n int, f func(int) int) int {
			return sumStream(b, seq.MapConcurrentUnordered(context.Background(), seq.Of(data...), n, liftCtx(f)))
		}},
		{"hand-sharded", func(b *testing.B, data []int, n int, f func(int) int) int {
			return shardedMap(data, n, keyOf, f)
		}},
	}
	for _, c := range contenders {
		b.Run("impl="+c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				checkSum(b, c.name, c.run(b, mapCPUInput, mapCPUWorkers, double), want)
			}
			perElem(b, mapCPUElems)
		})
	}
}
