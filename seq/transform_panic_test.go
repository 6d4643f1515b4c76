package seq_test

import (
	"errors"
	"iter"
	"testing"

	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

var errTrBoom = errors.New("boom")

// trPanicValue calls f and returns what it panicked with, or nil.
func trPanicValue(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}

func TestTransformCallTimePanics(t *testing.T) {
	s := seq.Of(1, 2, 3)
	var nilSeq iter.Seq2[int, error]
	tests := []struct {
		name string
		call func()
		want string
	}{
		{"Map nil stream", func() { seq.Map(nilSeq, trTimes10) }, "seq.Map: nil stream"},
		{"Map nil function", func() { seq.Map[int, int](s, nil) }, "seq.Map: nil function"},
		{"TryMap nil stream", func() { seq.TryMap(nilSeq, trHalveUnless3) }, "seq.TryMap: nil stream"},
		{"TryMap nil function", func() { seq.TryMap[int, int](s, nil) }, "seq.TryMap: nil function"},
		{"Filter nil stream", func() { seq.Filter(nilSeq, trEven) }, "seq.Filter: nil stream"},
		{"Filter nil function", func() { seq.Filter(s, nil) }, "seq.Filter: nil function"},
		{"FlatMap nil stream", func() { seq.FlatMap(nilSeq, trInner) }, "seq.FlatMap: nil stream"},
		{"FlatMap nil function", func() { seq.FlatMap[int, int](s, nil) }, "seq.FlatMap: nil function"},
		{"Concat nil stream", func() { seq.Concat(s, s, nil) }, "seq.Concat: nil stream at index 2"},
		{"Concat nil first", func() { seq.Concat(nil, s) }, "seq.Concat: nil stream at index 0"},
		{"Take nil stream", func() { seq.Take(nilSeq, 1) }, "seq.Take: nil stream"},
		{"Take negative", func() { seq.Take(s, -1) }, "seq.Take: n must not be negative"},
		{"Skip nil stream", func() { seq.Skip(nilSeq, 1) }, "seq.Skip: nil stream"},
		{"Skip negative", func() { seq.Skip(s, -1) }, "seq.Skip: n must not be negative"},
		{"TakeWhile nil stream", func() { seq.TakeWhile(nilSeq, trBelow5) }, "seq.TakeWhile: nil stream"},
		{"TakeWhile nil function", func() { seq.TakeWhile(s, nil) }, "seq.TakeWhile: nil function"},
		{"SkipWhile nil stream", func() { seq.SkipWhile(nilSeq, trBelow5) }, "seq.SkipWhile: nil stream"},
		{"SkipWhile nil function", func() { seq.SkipWhile(s, nil) }, "seq.SkipWhile: nil function"},
		{"Chunk nil stream", func() { seq.Chunk(nilSeq, 1) }, "seq.Chunk: nil stream"},
		{"Chunk zero", func() { seq.Chunk(s, 0) }, "seq.Chunk: n must be at least 1"},
		{"Chunk negative", func() { seq.Chunk(s, -3) }, "seq.Chunk: n must be at least 1"},
		{"Scan nil stream", func() { seq.Scan(nilSeq, 0, trSum) }, "seq.Scan: nil stream"},
		{"Scan nil function", func() { seq.Scan[int, int](s, 0, nil) }, "seq.Scan: nil function"},
		{"Compact nil stream", func() { seq.Compact(nilSeq) }, "seq.Compact: nil stream"},
		{"Unique nil stream", func() { seq.Unique(nilSeq) }, "seq.Unique: nil stream"},
		{"Zip nil a", func() { seq.Zip(nilSeq, s) }, "seq.Zip: nil stream"},
		{"Zip nil b", func() { seq.Zip(s, nilSeq) }, "seq.Zip: nil stream"},
		{"Tap nil stream", func() { seq.Tap(nilSeq, func(int) {}) }, "seq.Tap: nil stream"},
		{"Tap nil function", func() { seq.Tap(s, nil) }, "seq.Tap: nil function"},
		{"StopOnError nil stream", func() { seq.StopOnError(nilSeq) }, "seq.StopOnError: nil stream"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := trPanicValue(tt.call); got != tt.want {
				t.Errorf("%s panicked with %v, want %q", tt.name, got, tt.want)
			}
		})
	}
}

// trRanged ranges over s, calling body for each element.
func trRanged[T any](s iter.Seq2[T, error], body func()) {
	for range s {
		body()
	}
}

func TestTransformPanicInFunctionUnwinds(t *testing.T) {
	tests := []struct {
		name string
		run  func(s iter.Seq2[int, error], f func(int))
	}{
		{"Map", func(s iter.Seq2[int, error], f func(int)) {
			trRanged(seq.Map(s, func(v int) int { f(v); return v }), func() {})
		}},
		{"TryMap", func(s iter.Seq2[int, error], f func(int)) {
			trRanged(seq.TryMap(s, func(v int) (int, error) { f(v); return v, nil }), func() {})
		}},
		{"Filter", func(s iter.Seq2[int, error], f func(int)) {
			trRanged(seq.Filter(s, func(v int) bool { f(v); return true }), func() {})
		}},
		{"FlatMap", func(s iter.Seq2[int, error], f func(int)) {
			trRanged(seq.FlatMap(s, func(v int) iter.Seq2[int, error] { f(v); return seq.Of(v) }), func() {})
		}},
		{"TakeWhile", func(s iter.Seq2[int, error], f func(int)) {
			trRanged(seq.TakeWhile(s, func(v int) bool { f(v); return true }), func() {})
		}},
		{"SkipWhile", func(s iter.Seq2[int, error], f func(int)) {
			trRanged(seq.SkipWhile(s, func(v int) bool { f(v); return true }), func() {})
		}},
		{"Scan", func(s iter.Seq2[int, error], f func(int)) {
			trRanged(seq.Scan(s, 0, func(a, v int) int { f(v); return a + v }), func() {})
		}},
		{"Tap", func(s iter.Seq2[int, error], f func(int)) { trRanged(seq.Tap(s, f), func() {}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := streamtest.NewSource(streamtest.Vals(1, 2, 3))
			got := trPanicValue(func() {
				tt.run(src.Seq(), func(v int) {
					if v == 2 {
						panic(errTrBoom)
					}
				})
			})
			if got != errTrBoom {
				t.Errorf("%s with f panicking: recovered %v, want %v", tt.name, got, errTrBoom)
			}
			if starts, cleanups, _ := src.Stats(); starts != 1 || cleanups != 1 {
				t.Errorf("%s with f panicking: source started %d times, cleaned up %d times; want 1, 1", tt.name, starts, cleanups)
			}
		})
	}
}

// trStreamPanicCases put the stream under test at every place an operator
// takes one: as its only input, or beside a well-behaved stream.
var trStreamPanicCases = []struct {
	name string
	run  func(s, other iter.Seq2[int, error], body func())
}{
	{"Map", func(s, _ iter.Seq2[int, error], body func()) { trRanged(seq.Map(s, trTimes10), body) }},
	{"TryMap", func(s, _ iter.Seq2[int, error], body func()) { trRanged(seq.TryMap(s, trHalveUnless3), body) }},
	{"Filter", func(s, _ iter.Seq2[int, error], body func()) {
		trRanged(seq.Filter(s, func(int) bool { return true }), body)
	}},
	{"FlatMap outer", func(s, other iter.Seq2[int, error], body func()) {
		trRanged(seq.FlatMap(s, func(int) iter.Seq2[int, error] { return other }), body)
	}},
	{"FlatMap inner", func(s, other iter.Seq2[int, error], body func()) {
		trRanged(seq.FlatMap(other, func(int) iter.Seq2[int, error] { return s }), body)
	}},
	{"Concat first", func(s, other iter.Seq2[int, error], body func()) { trRanged(seq.Concat(s, other), body) }},
	{"Concat second", func(s, other iter.Seq2[int, error], body func()) { trRanged(seq.Concat(other, s), body) }},
	{"Take", func(s, _ iter.Seq2[int, error], body func()) { trRanged(seq.Take(s, 5), body) }},
	{"Skip", func(s, _ iter.Seq2[int, error], body func()) { trRanged(seq.Skip(s, 0), body) }},
	{"TakeWhile", func(s, _ iter.Seq2[int, error], body func()) { trRanged(seq.TakeWhile(s, trBelow5), body) }},
	{"SkipWhile", func(s, _ iter.Seq2[int, error], body func()) { trRanged(seq.SkipWhile(s, trEven), body) }},
	{"Chunk", func(s, _ iter.Seq2[int, error], body func()) { trRanged(seq.Chunk(s, 1), body) }},
	{"Scan", func(s, _ iter.Seq2[int, error], body func()) { trRanged(seq.Scan(s, 0, trSum), body) }},
	{"Compact", func(s, _ iter.Seq2[int, error], body func()) { trRanged(seq.Compact(s), body) }},
	{"Unique", func(s, _ iter.Seq2[int, error], body func()) { trRanged(seq.Unique(s), body) }},
	{"Zip a", func(s, other iter.Seq2[int, error], body func()) { trRanged(seq.Zip(s, other), body) }},
	{"Zip b", func(s, other iter.Seq2[int, error], body func()) { trRanged(seq.Zip(other, s), body) }},
	{"Tap", func(s, _ iter.Seq2[int, error], body func()) { trRanged(seq.Tap(s, func(int) {}), body) }},
	{"StopOnError", func(s, _ iter.Seq2[int, error], body func()) { trRanged(seq.StopOnError(s), body) }},
}

// A panic in a stream reaches the consumer with the same value, and the
// streams beside it are cleaned up.
func TestTransformPanicInStreamUnwinds(t *testing.T) {
	for _, tt := range trStreamPanicCases {
		t.Run(tt.name, func(t *testing.T) {
			cleanups := 0
			panicking := func(yield func(int, error) bool) {
				defer func() { cleanups++ }()
				if yield(1, nil) {
					panic(errTrBoom)
				}
			}
			other := streamtest.NewSource(streamtest.Vals(1, 2, 3))
			got := trPanicValue(func() { tt.run(panicking, other.Seq(), func() {}) })
			if got != errTrBoom {
				t.Errorf("%s over a panicking stream: recovered %v, want %v", tt.name, got, errTrBoom)
			}
			if cleanups != 1 {
				t.Errorf("%s: panicking stream cleaned up %d times, want 1", tt.name, cleanups)
			}
			if starts, cleanups, _ := other.Stats(); starts != cleanups {
				t.Errorf("%s: other stream started %d times, cleaned up %d times", tt.name, starts, cleanups)
			}
		})
	}
}

// A panic in the loop body unwinds through the operator with the same
// value, and every stream it started is cleaned up.
func TestTransformPanicInLoopBodyUnwinds(t *testing.T) {
	for _, tt := range trStreamPanicCases {
		t.Run(tt.name, func(t *testing.T) {
			src := streamtest.NewSource(streamtest.Vals(1, 2, 3))
			other := streamtest.NewSource(streamtest.Vals(1, 2, 3))
			got := trPanicValue(func() { tt.run(src.Seq(), other.Seq(), func() { panic(errTrBoom) }) })
			if got != errTrBoom {
				t.Errorf("%s with a panicking loop body: recovered %v, want %v", tt.name, got, errTrBoom)
			}
			for _, s := range []*streamtest.Source[int]{src, other} {
				if starts, cleanups, _ := s.Stats(); starts != cleanups {
					t.Errorf("%s: a stream started %d times, cleaned up %d times", tt.name, starts, cleanups)
				}
			}
		})
	}
}
