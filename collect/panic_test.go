package collect_test

import (
	"iter"
	"testing"

	"github.com/itergen/itergen/collect"
	"github.com/itergen/itergen/internal/streamtest"
)

// panicValue runs f and returns what it panicked with, or nil.
func panicValue(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}

func TestNilStreamPanics(t *testing.T) {
	for _, c := range consumers() {
		t.Run(c.name, func(t *testing.T) {
			want := c.name + ": nil stream"
			got := panicValue(func() { _ = c.run(nil) })
			if got != want {
				t.Errorf("%s(nil) panicked with %v, want %q", c.name, got, want)
			}
		})
	}
}

func TestNilFunctionPanics(t *testing.T) {
	tests := []struct {
		name string
		call func(s iter.Seq2[int, error])
	}{
		{"collect.Map", func(s iter.Seq2[int, error]) { _, _ = collect.Map[int, int](s, nil) }},
		{"collect.GroupBy", func(s iter.Seq2[int, error]) { _, _ = collect.GroupBy[int, int](s, nil) }},
		{"collect.Partition", func(s iter.Seq2[int, error]) { _, _, _ = collect.Partition(s, nil) }},
		{"collect.Reduce", func(s iter.Seq2[int, error]) { _, _ = collect.Reduce[int, int](s, 0, nil) }},
		{"collect.Find", func(s iter.Seq2[int, error]) { _, _, _ = collect.Find(s, nil) }},
		{"collect.Any", func(s iter.Seq2[int, error]) { _, _ = collect.Any(s, nil) }},
		{"collect.All", func(s iter.Seq2[int, error]) { _, _ = collect.All(s, nil) }},
		{"collect.SortedFunc", func(s iter.Seq2[int, error]) { _, _ = collect.SortedFunc(s, nil) }},
		{"collect.ForEach", func(s iter.Seq2[int, error]) { _ = collect.ForEach(s, nil) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// An empty stream must not hide the misuse, and the check comes
			// before the stream is ranged.
			src := streamtest.NewSource[int](nil)
			want := tt.name + ": nil function"
			if got := panicValue(func() { tt.call(src.Seq()) }); got != want {
				t.Errorf("%s(s, nil) panicked with %v, want %q", tt.name, got, want)
			}
			if starts, _, _ := src.Stats(); starts != 0 {
				t.Errorf("%s(s, nil) ranged the stream %d times before panicking, want 0", tt.name, starts)
			}
			// Both nil: the stream is checked first.
			want = tt.name + ": nil stream"
			if got := panicValue(func() { tt.call(nil) }); got != want {
				t.Errorf("%s(nil, nil) panicked with %v, want %q", tt.name, got, want)
			}
		})
	}
}

type panicToken struct{ id int }

func TestStreamPanicPassesThrough(t *testing.T) {
	for _, c := range consumers() {
		t.Run(c.name, func(t *testing.T) {
			token := &panicToken{1}
			cleaned := false
			s := func(yield func(int, error) bool) {
				defer func() { cleaned = true }()
				if !yield(1, nil) {
					return
				}
				panic(token)
			}
			// First stops after one value, before the panic.
			got := panicValue(func() { _ = c.run(s) })
			if c.name == "collect.First" {
				if got != nil {
					t.Errorf("%s panicked with %v, want no panic", c.name, got)
				}
			} else if got != token {
				t.Errorf("%s panicked with %v, want %v unchanged", c.name, got, token)
			}
			if !cleaned {
				t.Errorf("%s: stream's deferred cleanup did not run", c.name)
			}
		})
	}
}

func TestFunctionPanicPassesThrough(t *testing.T) {
	token := &panicToken{2}
	boom := func() { panic(token) }
	tests := []struct {
		name string
		call func(s iter.Seq2[int, error])
	}{
		{"Map", func(s iter.Seq2[int, error]) { _, _ = collect.Map(s, func(int) int { boom(); return 0 }) }},
		{"GroupBy", func(s iter.Seq2[int, error]) { _, _ = collect.GroupBy(s, func(int) int { boom(); return 0 }) }},
		{"Partition", func(s iter.Seq2[int, error]) { _, _, _ = collect.Partition(s, func(int) bool { boom(); return false }) }},
		{"Reduce", func(s iter.Seq2[int, error]) { _, _ = collect.Reduce(s, 0, func(int, int) int { boom(); return 0 }) }},
		{"Find", func(s iter.Seq2[int, error]) { _, _, _ = collect.Find(s, func(int) bool { boom(); return false }) }},
		{"Any", func(s iter.Seq2[int, error]) { _, _ = collect.Any(s, func(int) bool { boom(); return false }) }},
		{"All", func(s iter.Seq2[int, error]) { _, _ = collect.All(s, func(int) bool { boom(); return false }) }},
		{"SortedFunc", func(s iter.Seq2[int, error]) { _, _ = collect.SortedFunc(s, func(int, int) int { boom(); return 0 }) }},
		{"ForEach", func(s iter.Seq2[int, error]) { _ = collect.ForEach(s, func(int) error { boom(); return nil }) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := streamtest.NewSource(streamtest.Vals(1, 2, 3))
			if got := panicValue(func() { tt.call(src.Seq()) }); got != token {
				t.Errorf("%s panicked with %v, want %v unchanged", tt.name, got, token)
			}
			if starts, cleanups, _ := src.Stats(); starts != cleanups {
				t.Errorf("%s: source started %d times, cleaned up %d times", tt.name, starts, cleanups)
			}
		})
	}
}
