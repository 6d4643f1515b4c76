package seq_test

import (
	"iter"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

func TestTakeStarts(t *testing.T) {
	e := streamtest.Err[int]
	tests := []struct {
		name         string
		in           []trElem
		n            int
		want         []trElem
		wantStarts   int
		wantProduced int
	}{
		{"zero never starts", streamtest.Vals(1, 2, 3), 0, nil, 0, 0},
		{"zero of errors never starts", []trElem{e(streamtest.ErrA)}, 0, nil, 0, 0},
		{"stops right after the n-th value", streamtest.Vals(1, 2, 3, 4), 2, streamtest.Vals(1, 2), 1, 2},
		{"error after the n-th value is not pulled", append(streamtest.Vals(1, 2), e(streamtest.ErrA)), 2,
			streamtest.Vals(1, 2), 1, 2},
		{"errors before count nothing", []trElem{e(streamtest.ErrA), {V: 1}, e(streamtest.ErrB), {V: 2}, {V: 3}}, 2,
			[]trElem{e(streamtest.ErrA), {V: 1}, e(streamtest.ErrB), {V: 2}}, 1, 4},
		{"fewer values than n", []trElem{{V: 1}, e(streamtest.ErrA)}, 5, []trElem{{V: 1}, e(streamtest.ErrA)}, 1, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := streamtest.NewSource(tt.in)
			got := streamtest.Collect(seq.Take(src.Seq(), tt.n))
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateErrors()); diff != "" {
				t.Errorf("Take(%v, %d) = %v, want %v", tt.in, tt.n, got, tt.want)
			}
			starts, cleanups, produced := src.Stats()
			if starts != tt.wantStarts || cleanups != starts || produced != tt.wantProduced {
				t.Errorf("Take(%v, %d): source started %d, cleaned up %d, produced %d; want %d, %d, %d",
					tt.in, tt.n, starts, cleanups, produced, tt.wantStarts, tt.wantStarts, tt.wantProduced)
			}
		})
	}
}

func TestSkipPassesErrorsWhileSkipping(t *testing.T) {
	e := streamtest.Err[int]
	tests := []struct {
		name string
		in   []trElem
		n    int
		want []trElem
	}{
		{"errors while skipping", []trElem{{V: 1}, e(streamtest.ErrA), {V: 2}, {V: 3}}, 2, []trElem{e(streamtest.ErrA), {V: 3}}},
		{"all skipped", []trElem{e(streamtest.ErrA), {V: 1}, e(streamtest.ErrB)}, 5, []trElem{e(streamtest.ErrA), e(streamtest.ErrB)}},
		{"zero", streamtest.Vals(1, 2), 0, streamtest.Vals(1, 2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := streamtest.Collect(seq.Skip(streamtest.NewSource(tt.in).Seq(), tt.n))
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateErrors()); diff != "" {
				t.Errorf("Skip(%v, %d) = %v, want %v", tt.in, tt.n, got, tt.want)
			}
		})
	}
}

func TestTakeWhileSkipWhile(t *testing.T) {
	e := streamtest.Err[int]
	in := []trElem{{V: 1}, e(streamtest.ErrA), {V: 7}, {V: 2}, e(streamtest.ErrB), {V: 8}}
	tests := []struct {
		name  string
		op    func(iter.Seq2[int, error], func(int) bool) iter.Seq2[int, error]
		want  []trElem
		calls []int // values f was called with
	}{
		{"TakeWhile stops at the first rejected value", seq.TakeWhile[int], []trElem{{V: 1}, e(streamtest.ErrA)}, []int{1, 7}},
		{"SkipWhile passes errors while skipping and calls f no more", seq.SkipWhile[int],
			[]trElem{e(streamtest.ErrA), {V: 7}, {V: 2}, e(streamtest.ErrB), {V: 8}}, []int{1, 7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls []int
			f := func(v int) bool { calls = append(calls, v); return v < 5 }
			src := streamtest.NewSource(in)
			got := streamtest.Collect(tt.op(src.Seq(), f))
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateErrors()); diff != "" {
				t.Errorf("%s(%v, v < 5) = %v, want %v", tt.name, in, got, tt.want)
			}
			if !cmp.Equal(calls, tt.calls) {
				t.Errorf("f called with %v, want %v", calls, tt.calls)
			}
			if starts, cleanups, _ := src.Stats(); starts != 1 || cleanups != 1 {
				t.Errorf("source started %d times, cleaned up %d times; want 1, 1", starts, cleanups)
			}
		})
	}
}

func TestChunkFlushesOnError(t *testing.T) {
	e := streamtest.Err[int]
	c := func(vs ...int) streamtest.Elem[[]int] { return streamtest.Elem[[]int]{V: vs} }
	ce := streamtest.Err[[]int]
	tests := []struct {
		name string
		in   []trElem
		n    int
		want []streamtest.Elem[[]int]
	}{
		{"partial chunk before error", []trElem{{V: 1}, {V: 2}, e(streamtest.ErrA), {V: 3}, {V: 4}, {V: 5}, {V: 6}}, 3,
			[]streamtest.Elem[[]int]{c(1, 2), ce(streamtest.ErrA), c(3, 4, 5), c(6)}},
		{"full chunk before error", []trElem{{V: 1}, {V: 2}, e(streamtest.ErrA), {V: 3}}, 2,
			[]streamtest.Elem[[]int]{c(1, 2), ce(streamtest.ErrA), c(3)}},
		{"adjacent errors flush nothing empty", []trElem{{V: 1}, e(streamtest.ErrA), e(streamtest.ErrB)}, 2,
			[]streamtest.Elem[[]int]{c(1), ce(streamtest.ErrA), ce(streamtest.ErrB)}},
		{"error first", []trElem{e(streamtest.ErrA), {V: 1}}, 2, []streamtest.Elem[[]int]{ce(streamtest.ErrA), c(1)}},
		{"exact multiple leaves no empty chunk", streamtest.Vals(1, 2, 3, 4), 2, []streamtest.Elem[[]int]{c(1, 2), c(3, 4)}},
		{"n larger than the prealloc bound", streamtest.Vals(1, 2, 3), 1 << 40, []streamtest.Elem[[]int]{c(1, 2, 3)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := streamtest.Collect(seq.Chunk(streamtest.NewSource(tt.in).Seq(), tt.n))
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateErrors()); diff != "" {
				t.Errorf("Chunk(%v, %d) = %v, want %v", tt.in, tt.n, got, tt.want)
			}
		})
	}
}

// A consumer may keep and modify each chunk: none shares memory with
// another.
func TestChunkFreshSlices(t *testing.T) {
	in := []trElem{{V: 1}, {V: 2}, {V: 3}, streamtest.Err[int](streamtest.ErrA), {V: 4}, {V: 5}, {V: 6}, {V: 7}}
	var kept [][]int
	for c, err := range seq.Chunk(streamtest.NewSource(in).Seq(), 2) {
		if err != nil {
			continue
		}
		kept = append(kept, c)
		c[0] = -c[0]
		_ = append(c, 99) // must not write into a later chunk
	}
	want := [][]int{{-1, 2}, {-3}, {-4, 5}, {-6, 7}}
	if !cmp.Equal(kept, want) {
		t.Errorf("kept chunks = %v, want %v", kept, want)
	}
}
