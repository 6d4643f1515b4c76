package seq_test

import (
	"context"
	"iter"
	"testing"
	"time"

	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

// badUpstreamOps is every operator of the package with an upstream, over
// the upstream it is given.
func badUpstreamOps() []struct {
	name string
	op   func(iter.Seq2[int, error]) iter.Seq2[int, error]
} {
	ctx := context.Background()
	id := func(_ context.Context, v int) (int, error) { return v, nil }
	one := func(_ context.Context, v int) iter.Seq2[int, error] { return seq.Of(v) }
	flat := func(s iter.Seq2[[]int, error]) iter.Seq2[int, error] {
		return seq.FlatMap(s, func(vs []int) iter.Seq2[int, error] { return seq.Of(vs...) })
	}
	first := func(s iter.Seq2[seq.Pair[int, int], error]) iter.Seq2[int, error] {
		return seq.Map(s, func(p seq.Pair[int, int]) int { return p.First })
	}
	type row = struct {
		name string
		op   func(iter.Seq2[int, error]) iter.Seq2[int, error]
	}
	return []row{
		{"Map", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.Map(s, func(v int) int { return v }) }},
		{"TryMap", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.TryMap(s, func(v int) (int, error) { return v, nil })
		}},
		{"Filter", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.Filter(s, func(v int) bool { return v%2 == 0 })
		}},
		{"FlatMap", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.FlatMap(s, func(v int) iter.Seq2[int, error] { return seq.Of(v) })
		}},
		{"FlatMap inner", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.FlatMap(seq.Of(0), func(int) iter.Seq2[int, error] { return s })
		}},
		{"Concat", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.Concat(s, seq.Of(1)) }},
		{"Take", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.Take(s, 2) }},
		{"Skip", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.Skip(s, 1) }},
		{"TakeWhile", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.TakeWhile(s, func(v int) bool { return v < 2 })
		}},
		{"SkipWhile", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.SkipWhile(s, func(v int) bool { return v < 1 })
		}},
		{"Chunk", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return flat(seq.Chunk(s, 2)) }},
		{"Scan", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.Scan(s, 0, func(a, v int) int { return v })
		}},
		{"Compact", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.Compact(s) }},
		{"Unique", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.Unique(s) }},
		{"Zip a", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return first(seq.Zip(s, seq.Of(0, 1, 2, 3, 4))) }},
		{"Zip b", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.Map(seq.Zip(seq.Of(0, 1, 2, 3, 4), s), func(p seq.Pair[int, int]) int { return p.Second })
		}},
		{"Zip b shorter", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return first(seq.Zip(seq.Of(0, 1), s)) }},
		{"Tap", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.Tap(s, func(int) {}) }},
		{"StopOnError", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.StopOnError(s) }},
		{"Catch", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.Catch(s, func(err error) error { return err })
		}},
		{"Values", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			var err error
			return seq.From(seq.Values(s, &err))
		}},
		{"WithContext", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.WithContext(ctx, s) }},
		{"Buffer", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.Buffer(ctx, s, 2) }},
		{"Merge", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.Merge(ctx, s, seq.Of(-1)) }},
		{"MapConcurrent", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.MapConcurrent(ctx, s, 2, id) }},
		{"MapConcurrentUnordered", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.MapConcurrentUnordered(ctx, s, 2, id)
		}},
		{"MapConcurrentWindow", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.MapConcurrentWindow(ctx, s, 2, 8, id)
		}},
		{"MapConcurrentByKey", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.MapConcurrentByKey(ctx, s, 2, concKey, id)
		}},
		{"FlatMapConcurrent", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.FlatMapConcurrent(ctx, s, 2, one)
		}},
		{"FlatMapConcurrent inner", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.FlatMapConcurrent(ctx, seq.Of(0), 2, func(context.Context, int) iter.Seq2[int, error] { return s })
		}},
		{"FlatMapConcurrentUnordered", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.FlatMapConcurrentUnordered(ctx, s, 2, one)
		}},
		{"FlatMapConcurrentUnordered inner", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.FlatMapConcurrentUnordered(ctx, seq.Of(0), 2, func(context.Context, int) iter.Seq2[int, error] { return s })
		}},
		{"Batch", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return flat(seq.Batch(ctx, s, 2, time.Hour)) }},
		{"Throttle", func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.Throttle(ctx, s, &concLimiter{}) }},
	}
}

// TestBadUpstreamPanics runs every operator through the contract
// harness's misbehaving upstream, one that calls yield again after it
// returned false: the operator must panic, naming the mistake, and return
// instead of spinning or hanging, whether the consumer or the operator
// itself told the upstream to stop.
func TestBadUpstreamPanics(t *testing.T) {
	for _, tc := range badUpstreamOps() {
		t.Run(tc.name, func(t *testing.T) {
			streamtest.CheckBadUpstream(t, tc.op)
		})
	}
}
