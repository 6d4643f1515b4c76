package seq_test

import (
	"context"
	"errors"
	"iter"
	"strings"
	"testing"
	"time"

	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
	"github.com/itergen/itergen/seq/seqtest"
)

// Every source and operator of seq is checked with seqtest.TestStream, the
// checker users run on their own producers. A row is one line: the name,
// a function from ctx to the stream, and the options that apply —
// Reiterable where the stream is built from re-iterable sources,
// Cancellable where the operator takes a ctx.

type stContractRow struct {
	name  string
	check func() error
}

func stRow[T any](name string, mk func(ctx context.Context) iter.Seq2[T, error], opts ...seqtest.Option) stContractRow {
	return stContractRow{name, func() error { return seqtest.TestStream(mk, opts...) }}
}

var (
	stReit = seqtest.Reiterable()
	stCanc = seqtest.Cancellable()
	errSt  = errors.New("seqtest row: failed")
)

// stMixed is a re-iterable upstream with values, repeats and error elements.
func stMixed() iter.Seq2[int, error] {
	e := streamtest.Err[int]
	return streamtest.NewSource([]streamtest.Elem[int]{
		{V: 1}, e(streamtest.ErrA), {V: 2}, {V: 2}, {V: 3}, e(streamtest.ErrB), {V: 3}, {V: 1}, {V: 4}, {V: 5},
	}).Seq()
}

// stValues is a re-iterable upstream of the values 0 … n-1.
func stValues(n int) iter.Seq2[int, error] {
	return seq.From(func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	})
}

// stNaturals is an infinite upstream: 0, 1, 2, …
func stNaturals() iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for i := 0; ; i++ {
			if !yield(i, nil) {
				return
			}
		}
	}
}

// stChan returns a fresh channel holding 0 … n-1, closed.
func stChan(n int) <-chan int {
	ch := make(chan int, n)
	for i := range n {
		ch <- i
	}
	close(ch)
	return ch
}

type stNoLimit struct{}

func (stNoLimit) Wait(context.Context) error { return nil }

func stDouble(v int) int   { return 2 * v }
func stOdd(v int) bool     { return v%2 == 1 }
func stBelow3(v int) bool  { return v < 3 }
func stAdd(acc, v int) int { return acc + v }
func stFailOn3(v int) (int, error) {
	if v == 3 {
		return 0, errSt
	}
	return 10 * v, nil
}
func stConcF(_ context.Context, v int) (int, error) { return stFailOn3(v) }
func stRepeat(v int) iter.Seq2[int, error]          { return seq.Of(v, -v) }
func stDropA(err error) error {
	if errors.Is(err, streamtest.ErrA) {
		return nil
	}
	return err
}
func stInner(_ context.Context, v int) iter.Seq2[int, error] {
	return seq.Concat(seq.Of(v, -v), seq.Fail[int](errSt))
}

func stPages(_ context.Context, page int) ([]int, int, error) {
	next := page + 1
	if next == 5 {
		next = 0
	}
	return []int{3 * page, 3*page + 1, 3*page + 2}, next, nil
}

func stContractRows() []stContractRow {
	bg := func(mk func() iter.Seq2[int, error]) func(context.Context) iter.Seq2[int, error] {
		return func(context.Context) iter.Seq2[int, error] { return mk() }
	}
	return []stContractRow{
		// Sources and adapters.
		stRow("Of", bg(func() iter.Seq2[int, error] { return seq.Of(1, 2, 3) }), stReit),
		stRow("Of/empty", bg(func() iter.Seq2[int, error] { return seq.Of[int]() }), stReit),
		stRow("From", bg(func() iter.Seq2[int, error] { return stValues(7) }), stReit),
		stRow("Fail", bg(func() iter.Seq2[int, error] { return seq.Fail[int](errSt) }), stReit),
		stRow("Paginate", func(ctx context.Context) iter.Seq2[int, error] { return seq.Paginate(ctx, 0, stPages) }, stReit, stCanc),
		stRow("FromChan", func(ctx context.Context) iter.Seq2[int, error] { return seq.FromChan(ctx, stChan(6)) }, stCanc),
		stRow("WithContext", func(ctx context.Context) iter.Seq2[int, error] { return seq.WithContext(ctx, stMixed()) }, stReit, stCanc),
		stRow("WithContext/infinite", func(ctx context.Context) iter.Seq2[int, error] { return seq.WithContext(ctx, stNaturals()) }, stReit, stCanc),
		stRow("YieldFrom", bg(func() iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				_ = seq.YieldFrom(yield, stMixed()) && seq.YieldFrom(yield, stValues(3))
			}
		}), stReit),

		// Sources over the standard library: single use, so mk makes a new
		// reader each time.
		stRow("Lines", func(context.Context) iter.Seq2[string, error] {
			return seq.Lines(strings.NewReader("one\ntwo\r\n\nfour"))
		}),
		stRow("DecodeJSON", bg(func() iter.Seq2[int, error] {
			return seq.DecodeJSON[int](strings.NewReader(`[1, "two", 3, 4]`))
		})),
		stRow("DecodeJSON/NDJSON", bg(func() iter.Seq2[int, error] {
			return seq.DecodeJSON[int](strings.NewReader("1\n2\n3\n{"))
		})),
		// The times differ from range to range; the count does not.
		stRow("Tick", func(ctx context.Context) iter.Seq2[int, error] {
			return seq.Map(seq.Tick(ctx, 10*time.Microsecond), func(time.Time) int { return 1 })
		}, stCanc),

		// Synchronous transforms.
		stRow("Map", bg(func() iter.Seq2[int, error] { return seq.Map(stMixed(), stDouble) }), stReit),
		stRow("Map/infinite", bg(func() iter.Seq2[int, error] { return seq.Map(stNaturals(), stDouble) }), stReit),
		stRow("TryMap", bg(func() iter.Seq2[int, error] { return seq.TryMap(stMixed(), stFailOn3) }), stReit),
		stRow("Filter", bg(func() iter.Seq2[int, error] { return seq.Filter(stMixed(), stOdd) }), stReit),
		stRow("FlatMap", bg(func() iter.Seq2[int, error] { return seq.FlatMap(stMixed(), stRepeat) }), stReit),
		stRow("Concat", bg(func() iter.Seq2[int, error] { return seq.Concat(stMixed(), seq.Of[int](), stValues(4)) }), stReit),
		stRow("Take", bg(func() iter.Seq2[int, error] { return seq.Take(stMixed(), 4) }), stReit),
		stRow("Take/infinite", bg(func() iter.Seq2[int, error] { return seq.Take(stNaturals(), 150) }), stReit),
		stRow("Skip", bg(func() iter.Seq2[int, error] { return seq.Skip(stMixed(), 3) }), stReit),
		stRow("TakeWhile", bg(func() iter.Seq2[int, error] { return seq.TakeWhile(stMixed(), stBelow3) }), stReit),
		stRow("SkipWhile", bg(func() iter.Seq2[int, error] { return seq.SkipWhile(stMixed(), stBelow3) }), stReit),
		stRow("Chunk", func(context.Context) iter.Seq2[[]int, error] { return seq.Chunk(stMixed(), 2) }, stReit),
		stRow("Scan", bg(func() iter.Seq2[int, error] { return seq.Scan(stMixed(), 0, stAdd) }), stReit),
		stRow("Compact", bg(func() iter.Seq2[int, error] { return seq.Compact(stMixed()) }), stReit),
		stRow("Unique", bg(func() iter.Seq2[int, error] { return seq.Unique(stMixed()) }), stReit),
		stRow("Zip", func(context.Context) iter.Seq2[seq.Pair[int, int], error] { return seq.Zip(stMixed(), stValues(6)) }, stReit),
		stRow("Tap", bg(func() iter.Seq2[int, error] { return seq.Tap(stMixed(), func(int) {}) }), stReit),
		stRow("Catch", bg(func() iter.Seq2[int, error] { return seq.Catch(stMixed(), stDropA) }), stReit),
		stRow("StopOnError", bg(func() iter.Seq2[int, error] { return seq.StopOnError(stMixed()) }), stReit),

		// Concurrency.
		stRow("Buffer", func(ctx context.Context) iter.Seq2[int, error] { return seq.Buffer(ctx, stMixed(), 3) }, stReit, stCanc),
		stRow("Buffer/infinite", func(ctx context.Context) iter.Seq2[int, error] { return seq.Buffer(ctx, stNaturals(), 8) }, stReit, stCanc),
		stRow("Merge/one", func(ctx context.Context) iter.Seq2[int, error] { return seq.Merge(ctx, stMixed()) }, stReit, stCanc),
		stRow("Merge/none", func(ctx context.Context) iter.Seq2[int, error] { return seq.Merge[int](ctx) }, stReit, stCanc),
		stRow("MapConcurrent", func(ctx context.Context) iter.Seq2[int, error] { return seq.MapConcurrent(ctx, stMixed(), 3, stConcF) }, stReit, stCanc),
		stRow("MapConcurrent/infinite", func(ctx context.Context) iter.Seq2[int, error] {
			return seq.MapConcurrent(ctx, stNaturals(), 4, stConcF)
		}, stReit, stCanc),
		// Completion order is input order only with one call at a time and
		// no error elements to overtake it.
		stRow("MapConcurrentUnordered", func(ctx context.Context) iter.Seq2[int, error] {
			return seq.MapConcurrentUnordered(ctx, stValues(8), 1, stConcF)
		}, stReit, stCanc),
		stRow("MapConcurrentWindow", func(ctx context.Context) iter.Seq2[int, error] {
			return seq.MapConcurrentWindow(ctx, stMixed(), 3, 12, stConcF)
		}, stReit, stCanc),
		stRow("MapConcurrentWindow/infinite", func(ctx context.Context) iter.Seq2[int, error] {
			return seq.MapConcurrentWindow(ctx, stNaturals(), 2, 32, stConcF)
		}, stReit, stCanc),
		// One key: the results of a key come in input order.
		stRow("MapConcurrentByKey", func(ctx context.Context) iter.Seq2[int, error] {
			return seq.MapConcurrentByKey(ctx, stValues(8), 3, func(int) string { return "k" }, stConcF)
		}, stReit, stCanc),
		stRow("FlatMapConcurrent", func(ctx context.Context) iter.Seq2[int, error] {
			return seq.FlatMapConcurrent(ctx, stMixed(), 3, stInner)
		}, stReit, stCanc),
		// One inner stream at a time, over values only: arrival order is
		// input order.
		stRow("FlatMapConcurrentUnordered", func(ctx context.Context) iter.Seq2[int, error] {
			return seq.FlatMapConcurrentUnordered(ctx, stValues(8), 1, stInner)
		}, stReit, stCanc),
		stRow("Batch", func(ctx context.Context) iter.Seq2[[]int, error] { return seq.Batch(ctx, stMixed(), 3, time.Hour) }, stReit, stCanc),
		stRow("Throttle", func(ctx context.Context) iter.Seq2[int, error] { return seq.Throttle(ctx, stMixed(), stNoLimit{}) }, stReit, stCanc),
		stRow("pipeline", func(ctx context.Context) iter.Seq2[int, error] {
			return seq.Take(seq.MapConcurrent(ctx, seq.Buffer(ctx, seq.Paginate(ctx, 0, stPages), 4), 3, stConcF), 9)
		}, stReit, stCanc),
	}
}

func TestSeqtestContract(t *testing.T) {
	for _, r := range stContractRows() {
		t.Run(r.name, func(t *testing.T) {
			if err := r.check(); err != nil {
				t.Errorf("seqtest.TestStream(%s):\n%v", r.name, err)
			}
		})
	}
}
