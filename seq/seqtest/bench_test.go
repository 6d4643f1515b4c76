package seqtest

import (
	"context"
	"iter"
	"testing"

	"github.com/itergen/itergen/seq"
)

// BenchmarkTestStream measures one call of TestStream, the cost a user's
// test pays per producer checked.
func BenchmarkTestStream(b *testing.B) {
	benches := []struct {
		name string
		mk   mkFunc
		opts []Option
	}{
		{"Of/10", count(10), []Option{Reiterable()}},
		{"infinite", count(-1), []Option{Reiterable()}},
		{"MapConcurrent/10", func(ctx context.Context) iter.Seq2[int, error] {
			return seq.MapConcurrent(ctx, count(10)(ctx), 4, func(_ context.Context, v int) (int, error) { return v, nil })
		}, []Option{Reiterable(), Cancellable()}},
	}
	for _, bb := range benches {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := TestStream(bb.mk, bb.opts...); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
