package seq_test

import (
	"context"
	"errors"
	"iter"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

type srcElem = streamtest.Elem[int]

var (
	errSourceStop  = errors.New("test: stopped")
	errSourceFetch = errors.New("test: fetch failed")
)

// sourceErrorsEqual compares errors by identity, then by message, so that
// errors built afresh on each range compare equal.
var sourceErrorsEqual = cmp.Comparer(func(a, b error) bool {
	return a == b || (a != nil && b != nil && a.Error() == b.Error())
})

// sourceRun ranges s, breaking after stop+1 elements (never when stop < 0),
// and fails the test if yield is called after it returned false.
func sourceRun[T any](t *testing.T, s iter.Seq2[T, error], stop int) []streamtest.Elem[T] {
	t.Helper()
	var got []streamtest.Elem[T]
	stopped := false
	s(func(v T, err error) bool {
		if stopped {
			t.Fatalf("yield called again after it returned false (break after %d)", stop)
		}
		got = append(got, streamtest.Elem[T]{V: v, Err: err})
		stopped = stop >= 0 && len(got) == stop+1
		return !stopped
	})
	return got
}

// checkSource checks the contract for a source: build returns the stream to
// range each time (the same one, for re-iterable sources). Two full ranges
// give want, and a break after every element gives a prefix of want with no
// yield after false.
func checkSource[T any](t *testing.T, build func() iter.Seq2[T, error], want []streamtest.Elem[T]) {
	t.Helper()
	for i := range 2 {
		if diff := cmp.Diff(want, sourceRun(t, build(), -1), sourceErrorsEqual); diff != "" {
			t.Fatalf("full range %d (-want +got):\n%s", i+1, diff)
		}
	}
	for k := range want {
		if diff := cmp.Diff(want[:k+1], sourceRun(t, build(), k), sourceErrorsEqual); diff != "" {
			t.Fatalf("break after %d elements (-want +got):\n%s", k+1, diff)
		}
	}
}

type sourcePage struct {
	items []int
	next  string
	err   error
}

// pageFetcher serves pages by cursor and records the cursors asked for.
type pageFetcher struct {
	pages map[string]sourcePage
	calls []string
}

func (f *pageFetcher) fetch(_ context.Context, cursor string) ([]int, string, error) {
	f.calls = append(f.calls, cursor)
	p := f.pages[cursor]
	return p.items, p.next, p.err
}

func threePages() *pageFetcher {
	return &pageFetcher{pages: map[string]sourcePage{
		"":  {items: []int{1, 2}, next: "b"},
		"b": {next: "c"},
		"c": {items: []int{3}, err: errSourceFetch},
	}}
}

func TestSourcesContract(t *testing.T) {
	paged := threePages()
	paginate := seq.Paginate(context.Background(), "", paged.fetch)
	cases := []struct {
		name  string
		build func() iter.Seq2[int, error]
		want  []srcElem
	}{
		{"Of empty", func() iter.Seq2[int, error] { return seq.Of[int]() }, nil},
		{"Of", func() iter.Seq2[int, error] { return seq.Of(1, 2, 3) }, streamtest.Vals(1, 2, 3)},
		{"From", func() iter.Seq2[int, error] { return seq.From(slices.Values([]int{4, 5})) }, streamtest.Vals(4, 5)},
		{"Fail", func() iter.Seq2[int, error] { return seq.Fail[int](errSourceStop) }, []srcElem{{Err: errSourceStop}}},
		{"Paginate", func() iter.Seq2[int, error] { return paginate }, []srcElem{{V: 1}, {V: 2}, {V: 3},
			{Err: errors.New("seq.Paginate: fetch page 3: test: fetch failed")}}},
		{"FromChan", func() iter.Seq2[int, error] {
			ch := make(chan int, 3)
			ch <- 1
			ch <- 2
			close(ch)
			return seq.FromChan(context.Background(), ch)
		}, streamtest.Vals(1, 2)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkSource(t, tc.build, tc.want) })
	}
}

func TestPaginate(t *testing.T) {
	cases := []struct {
		name      string
		pages     map[string]sourcePage
		stop      int  // break after stop+1 elements; -1 never
		cancelAt  int  // the consumer cancels ctx after this value; 0 never
		cancelled bool // ctx is done before the range
		want      []srcElem
		wantCalls []string
	}{
		{name: "zero first cursor", stop: -1,
			pages: map[string]sourcePage{"": {items: []int{1, 2}}},
			want:  streamtest.Vals(1, 2), wantCalls: []string{""}},
		{name: "pages", stop: -1,
			pages: map[string]sourcePage{"": {items: []int{1}, next: "b"}, "b": {next: "c"}, "c": {items: []int{2, 3}}},
			want:  streamtest.Vals(1, 2, 3), wantCalls: []string{"", "b", "c"}},
		{name: "error on page 3", stop: -1, pages: threePages().pages,
			want:      []srcElem{{V: 1}, {V: 2}, {V: 3}, {Err: errors.New("seq.Paginate: fetch page 3: test: fetch failed")}},
			wantCalls: []string{"", "b", "c"}},
		{name: "break mid-page", stop: 0, pages: threePages().pages,
			want: streamtest.Vals(1), wantCalls: []string{""}},
		{name: "break at end of page", stop: 1, pages: threePages().pages,
			want: streamtest.Vals(1, 2), wantCalls: []string{""}},
		{name: "cancelled between pages", stop: -1, cancelAt: 2, pages: threePages().pages,
			want: []srcElem{{V: 1}, {V: 2}, {Err: errSourceStop}}, wantCalls: []string{""}},
		{name: "cancelled mid-page", stop: -1, cancelAt: 1, pages: threePages().pages,
			want: []srcElem{{V: 1}, {Err: errSourceStop}}, wantCalls: []string{""}},
		{name: "cancelled before start", stop: -1, cancelled: true, pages: threePages().pages,
			want: []srcElem{{Err: errSourceStop}}, wantCalls: nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancelCause(context.Background())
			defer cancel(nil)
			if tc.cancelled {
				cancel(errSourceStop)
			}
			f := &pageFetcher{pages: tc.pages}
			var got []srcElem
			for v, err := range seq.Paginate(ctx, "", f.fetch) {
				got = append(got, srcElem{V: v, Err: err})
				if tc.cancelAt != 0 && v == tc.cancelAt {
					cancel(errSourceStop)
				}
				if len(got) == tc.stop+1 {
					break
				}
			}
			if diff := cmp.Diff(tc.want, got, sourceErrorsEqual); diff != "" {
				t.Errorf("Paginate (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantCalls, f.calls); diff != "" {
				t.Errorf("fetch calls (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPaginateFetchError(t *testing.T) {
	f := threePages()
	var err error
	for _, e := range seq.Paginate(context.Background(), "", f.fetch) {
		err = e
	}
	if !errors.Is(err, errSourceFetch) {
		t.Errorf("Paginate error = %v, want it to match %v", err, errSourceFetch)
	}
	if want := "seq.Paginate: fetch page 3: test: fetch failed"; err == nil || err.Error() != want {
		t.Errorf("Paginate error = %v, want %q", err, want)
	}
}

func TestPaginateFetchContext(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	fetch := func(got context.Context, page int) ([]int, int, error) {
		if got != ctx {
			t.Errorf("fetch got ctx %v, want the ctx given to Paginate", got)
		}
		if page == 1 {
			// A fetch that fails because ctx was cancelled: the cause is
			// yielded instead of its error.
			cancel(errSourceStop)
			return []int{9}, 2, ctx.Err()
		}
		return []int{page}, page + 1, nil
	}
	got := streamtest.Collect(seq.Paginate(ctx, 0, fetch))
	if diff := cmp.Diff([]srcElem{{V: 0}, {Err: errSourceStop}}, got, sourceErrorsEqual); diff != "" {
		t.Errorf("Paginate cancelled in fetch (-want +got):\n%s", diff)
	}
}

func TestFromChan(t *testing.T) {
	t.Run("done ctx wins over a ready channel", func(t *testing.T) {
		ctx, cancel := context.WithCancelCause(context.Background())
		cancel(errSourceStop)
		ch := make(chan int, 1)
		ch <- 1
		got := streamtest.Collect(seq.FromChan(ctx, ch))
		if diff := cmp.Diff([]srcElem{{Err: errSourceStop}}, got, sourceErrorsEqual); diff != "" {
			t.Errorf("FromChan(cancelled) (-want +got):\n%s", diff)
		}
	})
	t.Run("nil channel", func(t *testing.T) {
		ctx, cancel := context.WithCancelCause(context.Background())
		done := make(chan struct{})
		go func() { defer close(done); cancel(errSourceStop) }()
		got := streamtest.Collect(seq.FromChan[int](ctx, nil))
		<-done
		if diff := cmp.Diff([]srcElem{{Err: errSourceStop}}, got, sourceErrorsEqual); diff != "" {
			t.Errorf("FromChan(nil) (-want +got):\n%s", diff)
		}
	})
	t.Run("cancelled midway", func(t *testing.T) {
		ctx, cancel := context.WithCancelCause(context.Background())
		defer cancel(nil)
		ch, quit, done := make(chan int), make(chan struct{}), make(chan struct{})
		go func() {
			defer close(done)
			for i := 0; ; i++ {
				select {
				case ch <- i:
				case <-quit:
					return
				}
			}
		}()
		var got []srcElem
		for v, err := range seq.FromChan(ctx, ch) {
			got = append(got, srcElem{V: v, Err: err})
			if v == 2 {
				cancel(errSourceStop)
			}
		}
		close(quit)
		<-done
		if diff := cmp.Diff([]srcElem{{V: 0}, {V: 1}, {V: 2}, {Err: errSourceStop}}, got, sourceErrorsEqual); diff != "" {
			t.Errorf("FromChan cancelled after 2 (-want +got):\n%s", diff)
		}
	})
	t.Run("break leaves the channel", func(t *testing.T) {
		ch := make(chan int, 3)
		ch <- 1
		ch <- 2
		ch <- 3
		for range seq.FromChan(context.Background(), ch) {
			break
		}
		if len(ch) != 2 {
			t.Errorf("after a break, len(ch) = %d, want 2", len(ch))
		}
	})
}

func TestSourcePanics(t *testing.T) {
	var nilCtx context.Context
	fetch := func(context.Context, int) ([]int, int, error) { return nil, 0, nil }
	var err error
	cases := []struct {
		name string
		call func()
		want string
	}{
		{"From nil", func() { seq.From[int](nil) }, "seq.From: nil stream"},
		{"Fail nil", func() { seq.Fail[int](nil) }, "seq.Fail: nil error"},
		{"Paginate nil ctx", func() { seq.Paginate(nilCtx, 0, fetch) }, "seq.Paginate: nil context"},
		{"Paginate nil fetch", func() { seq.Paginate[int, int](context.Background(), 0, nil) }, "seq.Paginate: nil function"},
		{"FromChan nil ctx", func() { seq.FromChan(nilCtx, make(chan int)) }, "seq.FromChan: nil context"},
		{"Values nil stream", func() { seq.Values[int](nil, &err) }, "seq.Values: nil stream"},
		{"Values nil errp", func() { seq.Values(seq.Of(1), nil) }, "seq.Values: nil error pointer"},
		{"WithContext nil ctx", func() { seq.WithContext(nilCtx, seq.Of(1)) }, "seq.WithContext: nil context"},
		{"WithContext nil stream", func() { seq.WithContext[int](context.Background(), nil) }, "seq.WithContext: nil stream"},
		{"YieldFrom nil yield", func() { seq.YieldFrom(nil, seq.Of(1)) }, "seq.YieldFrom: nil function"},
		{"YieldFrom nil stream", func() { seq.YieldFrom(func(int, error) bool { return true }, nil) }, "seq.YieldFrom: nil stream"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if got := recover(); got != tc.want {
					t.Errorf("panic = %v, want %q", got, tc.want)
				}
			}()
			tc.call()
		})
	}
}

// sourceLoops ranges each source and adapter over n values; the allocation
// test and the benchmarks share them.
func sourceLoops(n int) []struct {
	name string
	loop func() int
} {
	vals := make([]int, n)
	of := seq.Of(vals...)
	from := seq.From(slices.Values(vals))
	var err error
	values := seq.Values(of, &err)
	ctx, cancel := context.WithCancel(context.Background())
	_ = cancel // never cancelled: a live ctx is the common case
	withCtx := seq.WithContext(ctx, of)
	yieldFrom := iter.Seq2[int, error](func(yield func(int, error) bool) { seq.YieldFrom(yield, of) })
	count := func(s iter.Seq2[int, error]) func() int {
		return func() int {
			n := 0
			for _, err := range s {
				if err == nil {
					n++
				}
			}
			return n
		}
	}
	return []struct {
		name string
		loop func() int
	}{
		{"Of", count(of)},
		{"From", count(from)},
		{"Values", func() int {
			n := 0
			for range values {
				n++
			}
			return n
		}},
		{"WithContext", count(withCtx)},
		{"YieldFrom", count(yieldFrom)},
	}
}

func TestSourceAllocs(t *testing.T) {
	const n = 1000
	short := sourceLoops(1)
	for i, l := range sourceLoops(n) {
		t.Run(l.name, func(t *testing.T) {
			if got := l.loop(); got != n {
				t.Fatalf("%s over %d values gave %d", l.name, n, got)
			}
			// A few allocations per range are fine (YieldFrom's loop body
			// escapes; Go 1.23 allocates a little more for it); none per
			// element.
			perRange := testing.AllocsPerRun(20, func() { short[i].loop() })
			allocs := testing.AllocsPerRun(20, func() { l.loop() })
			if allocs != perRange || allocs > 8 {
				t.Errorf("%s: %v allocations per range of %d values, %v of 1 value; want the same, at most 8",
					l.name, allocs, n, perRange)
			}
		})
	}
}

func BenchmarkSources(b *testing.B) {
	const n = 1000
	for _, l := range sourceLoops(n) {
		b.Run(l.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				l.loop()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/elem")
		})
	}
}
