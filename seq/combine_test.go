package seq_test

import (
	"errors"
	"fmt"
	"iter"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

// trCollectUntil ranges s and breaks after the element for which stop
// returns true.
func trCollectUntil[T any](s iter.Seq2[T, error], stop func(streamtest.Elem[T]) bool) []streamtest.Elem[T] {
	var out []streamtest.Elem[T]
	for v, err := range s {
		e := streamtest.Elem[T]{V: v, Err: err}
		out = append(out, e)
		if stop(e) {
			break
		}
	}
	return out
}

func trNever[T any](streamtest.Elem[T]) bool { return false }

// trStats is what a streamtest.Source reports.
type trStats struct{ Starts, Cleanups, Produced int }

func trStatsOf[T any](s *streamtest.Source[T]) trStats {
	starts, cleanups, produced := s.Stats()
	return trStats{starts, cleanups, produced}
}

func TestZip(t *testing.T) {
	e := streamtest.Err[int]
	pe := streamtest.Err[trPair]
	p := func(a, b int) streamtest.Elem[trPair] { return streamtest.Elem[trPair]{V: trPair{First: a, Second: b}} }
	tests := []struct {
		name   string
		a, b   []trElem
		stopAt int // break after this many elements; 0 to range to the end
		want   []streamtest.Elem[trPair]
		wantA  trStats
		wantB  trStats
	}{
		{"errors on both sides",
			[]trElem{{V: 1}, e(streamtest.ErrA), {V: 2}, {V: 3}},
			[]trElem{e(streamtest.ErrB), {V: 10}, {V: 20}, e(streamtest.ErrB), {V: 30}}, 0,
			[]streamtest.Elem[trPair]{pe(streamtest.ErrB), p(1, 10), pe(streamtest.ErrA), p(2, 20), pe(streamtest.ErrB), p(3, 30)},
			trStats{1, 1, 4}, trStats{1, 1, 5}},
		{"a shorter stops b", streamtest.Vals(1, 2), streamtest.Vals(10, 20, 30, 40), 0,
			[]streamtest.Elem[trPair]{p(1, 10), p(2, 20)}, trStats{1, 1, 2}, trStats{1, 1, 2}},
		{"b shorter stops a", streamtest.Vals(1, 2, 3, 4), streamtest.Vals(10), 0,
			[]streamtest.Elem[trPair]{p(1, 10)}, trStats{1, 1, 2}, trStats{1, 1, 1}},
		{"b ends after an error", streamtest.Vals(1, 2, 3), []trElem{{V: 10}, e(streamtest.ErrB)}, 0,
			[]streamtest.Elem[trPair]{p(1, 10), pe(streamtest.ErrB)}, trStats{1, 1, 2}, trStats{1, 1, 2}},
		{"empty a never starts b", nil, streamtest.Vals(10), 0, nil, trStats{1, 1, 0}, trStats{0, 0, 0}},
		{"errors only in a never start b", []trElem{e(streamtest.ErrA), e(streamtest.ErrB)}, streamtest.Vals(10), 0,
			[]streamtest.Elem[trPair]{pe(streamtest.ErrA), pe(streamtest.ErrB)}, trStats{1, 1, 2}, trStats{0, 0, 0}},
		{"empty b", streamtest.Vals(1, 2), nil, 0, nil, trStats{1, 1, 1}, trStats{1, 1, 0}},
		{"break stops both", streamtest.Vals(1, 2, 3), streamtest.Vals(10, 20, 30), 1,
			[]streamtest.Elem[trPair]{p(1, 10)}, trStats{1, 1, 1}, trStats{1, 1, 1}},
		{"break on an error of b stops both", streamtest.Vals(1, 2), []trElem{{V: 10}, e(streamtest.ErrB), {V: 20}}, 2,
			[]streamtest.Elem[trPair]{p(1, 10), pe(streamtest.ErrB)}, trStats{1, 1, 2}, trStats{1, 1, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := streamtest.NewSource(tt.a), streamtest.NewSource(tt.b)
			n := 0
			got := trCollectUntil(seq.Zip(a.Seq(), b.Seq()), func(streamtest.Elem[trPair]) bool {
				n++
				return n == tt.stopAt
			})
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateErrors()); diff != "" {
				t.Errorf("Zip(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := trStatsOf(a); got != tt.wantA {
				t.Errorf("Zip(%v, %v): a's stats = %+v, want %+v", tt.a, tt.b, got, tt.wantA)
			}
			if got := trStatsOf(b); got != tt.wantB {
				t.Errorf("Zip(%v, %v): b's stats = %+v, want %+v", tt.a, tt.b, got, tt.wantB)
			}
		})
	}
}

func TestFlatMap(t *testing.T) {
	e := streamtest.Err[int]
	tests := []struct {
		name      string
		outer     []trElem
		innerOf   func(v int) []trElem
		stop      func(trElem) bool
		want      []trElem
		wantOuter trStats
		wantInner map[int]trStats // by the value f was called with
	}{
		{"inner and outer errors pass through", []trElem{{V: 1}, e(streamtest.ErrA), {V: 2}},
			func(v int) []trElem { return []trElem{{V: v}, e(streamtest.ErrB), {V: v * 10}} }, trNever[int],
			[]trElem{{V: 1}, e(streamtest.ErrB), {V: 10}, e(streamtest.ErrA), {V: 2}, e(streamtest.ErrB), {V: 20}},
			trStats{1, 1, 3}, map[int]trStats{1: {1, 1, 3}, 2: {1, 1, 3}}},
		{"break inside an inner stream stops inner and outer", streamtest.Vals(1, 2, 3),
			func(v int) []trElem { return streamtest.Vals(v, v+100, v+200) },
			func(e trElem) bool { return e.V == 101 },
			streamtest.Vals(1, 101), trStats{1, 1, 1}, map[int]trStats{1: {1, 1, 2}}},
		{"break on an inner error", streamtest.Vals(1, 2),
			func(v int) []trElem { return []trElem{e(streamtest.ErrB), {V: v}} },
			func(e trElem) bool { return e.Err != nil },
			[]trElem{e(streamtest.ErrB)}, trStats{1, 1, 1}, map[int]trStats{1: {1, 1, 1}}},
		{"empty inner streams", streamtest.Vals(1, 2, 3), func(int) []trElem { return nil }, trNever[int],
			nil, trStats{1, 1, 3}, map[int]trStats{1: {1, 1, 0}, 2: {1, 1, 0}, 3: {1, 1, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outer := streamtest.NewSource(tt.outer)
			inners := map[int]*streamtest.Source[int]{}
			f := func(v int) iter.Seq2[int, error] {
				inners[v] = streamtest.NewSource(tt.innerOf(v))
				return inners[v].Seq()
			}
			got := trCollectUntil(seq.FlatMap(outer.Seq(), f), tt.stop)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateErrors()); diff != "" {
				t.Errorf("FlatMap(%v) = %v, want %v", tt.outer, got, tt.want)
			}
			if got := trStatsOf(outer); got != tt.wantOuter {
				t.Errorf("outer stats = %+v, want %+v", got, tt.wantOuter)
			}
			gotInner := map[int]trStats{}
			for v, s := range inners {
				gotInner[v] = trStatsOf(s)
			}
			if diff := cmp.Diff(tt.wantInner, gotInner); diff != "" {
				t.Errorf("inner stats by value (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFlatMapNilInner(t *testing.T) {
	f := func(v int) iter.Seq2[int, error] {
		if v == 2 {
			return nil
		}
		return seq.Of(v)
	}
	got := streamtest.Collect(seq.FlatMap(seq.Of(1, 2, 3), f))
	want := []trElem{{V: 1}, streamtest.Err[int](errors.New("seq.FlatMap: f returned a nil stream")), {V: 3}}
	sameMessage := cmp.Comparer(func(a, b error) bool { return fmt.Sprint(a) == fmt.Sprint(b) })
	if diff := cmp.Diff(want, got, sameMessage); diff != "" {
		t.Errorf("FlatMap with a nil inner stream = %v, want %v", got, want)
	}
}

func TestConcat(t *testing.T) {
	first := streamtest.NewSource(streamtest.Vals(1, 2))
	second := streamtest.NewSource([]trElem{{V: 3}, streamtest.Err[int](streamtest.ErrA), {V: 4}})
	third := streamtest.NewSource(streamtest.Vals(5))
	ss := []iter.Seq2[int, error]{first.Seq(), second.Seq(), third.Seq()}
	s := seq.Concat(ss...)
	ss[2] = nil // Concat keeps its own copy

	got := trCollectUntil(s, func(e trElem) bool { return e.Err != nil })
	want := []trElem{{V: 1}, {V: 2}, {V: 3}, streamtest.Err[int](streamtest.ErrA)}
	if diff := cmp.Diff(want, got, cmpopts.EquateErrors()); diff != "" {
		t.Errorf("Concat with a break = %v, want %v", got, want)
	}
	for i, tc := range []struct {
		src  *streamtest.Source[int]
		want trStats
	}{{first, trStats{1, 1, 2}}, {second, trStats{1, 1, 2}}, {third, trStats{0, 0, 0}}} {
		if got := trStatsOf(tc.src); got != tc.want {
			t.Errorf("stream %d stats = %+v, want %+v", i, got, tc.want)
		}
	}

	got = streamtest.Collect(s)
	want = []trElem{{V: 1}, {V: 2}, {V: 3}, streamtest.Err[int](streamtest.ErrA), {V: 4}, {V: 5}}
	if diff := cmp.Diff(want, got, cmpopts.EquateErrors()); diff != "" {
		t.Errorf("Concat after the caller changed its slice = %v, want %v", got, want)
	}
	if got := streamtest.Collect(seq.Concat[int]()); got != nil {
		t.Errorf("Concat() = %v, want nothing", got)
	}
}
