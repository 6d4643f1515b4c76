package seq_test

import (
	"errors"
	"fmt"
	"iter"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

var errTrMult3 = errors.New("multiple of 3")

// Function arguments shared by the contract tests and the fuzz targets.
func trTimes10(v int) int  { return v * 10 }
func trEven(v int) bool    { return v%2 == 0 }
func trBelow5(v int) bool  { return v < 5 }
func trSum(acc, v int) int { return acc + v }
func trAppend(acc string, v int) string {
	return acc + strconv.Itoa(v)
}

func trHalveUnless3(v int) (int, error) {
	if v%3 == 0 {
		return 0, errTrMult3
	}
	return v / 2, nil
}

// trInnerElems is what FlatMap's f returns in the tests: nothing, the value
// alone, or the value, an error and the negated value, by v mod 3.
func trInnerElems(v int) []trElem {
	switch ((v % 3) + 3) % 3 {
	case 0:
		return nil
	case 1:
		return streamtest.Vals(v)
	default:
		return []trElem{{V: v}, streamtest.Err[int](streamtest.ErrB), {V: -v}}
	}
}

func trInner(v int) iter.Seq2[int, error] { return streamtest.NewSource(trInnerElems(v)).Seq() }

// Fixed second inputs for the operators that combine streams.
var (
	trSideElems = []trElem{{V: 10}, streamtest.Err[int](streamtest.ErrB), {V: 20}, {V: 30}, {V: 40}}
	trLongElems = append(streamtest.Vals(100, 101), append([]trElem{streamtest.Err[int](streamtest.ErrB)},
		streamtest.Vals(102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114)...)...)
)

func trSide() iter.Seq2[int, error] { return streamtest.NewSource(trSideElems).Seq() }

// checkTransform runs op with streamtest.Check over every standard input and
// compares the full run with the model.
func checkTransform[U any](t *testing.T, name string, op func(iter.Seq2[int, error]) iter.Seq2[U, error], model func([]trElem) []streamtest.Elem[U]) {
	t.Helper()
	for _, c := range streamtest.Cases() {
		t.Run(name+"/"+c.Name, func(t *testing.T) {
			got := streamtest.Check(t, c.Input, op)
			want := model(c.Input)
			if diff := cmp.Diff(want, got, cmpopts.EquateErrors()); diff != "" {
				t.Errorf("%s(%v) = %v, want %v\n(-want +got):\n%s", name, c.Input, got, want, diff)
			}
		})
	}
}

func TestTransformContract(t *testing.T) {
	type s = iter.Seq2[int, error]
	checkTransform(t, "Map", func(in s) s { return seq.Map(in, trTimes10) },
		func(in []trElem) []trElem { return modelMap(in, trTimes10) })
	checkTransform(t, "Map to string", func(in s) iter.Seq2[string, error] { return seq.Map(in, strconv.Itoa) },
		func(in []trElem) []streamtest.Elem[string] { return modelMap(in, strconv.Itoa) })
	checkTransform(t, "TryMap", func(in s) s { return seq.TryMap(in, trHalveUnless3) },
		func(in []trElem) []trElem { return modelTryMap(in, trHalveUnless3) })
	checkTransform(t, "Filter", func(in s) s { return seq.Filter(in, trEven) },
		func(in []trElem) []trElem { return modelFilter(in, trEven) })
	checkTransform(t, "FlatMap", func(in s) s { return seq.FlatMap(in, trInner) },
		func(in []trElem) []trElem { return modelFlatMap(in, trInnerElems) })
	checkTransform(t, "Concat", func(in s) s { return seq.Concat(in, trSide(), in) },
		func(in []trElem) []trElem { return modelConcat(in, trSideElems, in) })
	checkTransform(t, "Concat one", func(in s) s { return seq.Concat(in) },
		func(in []trElem) []trElem { return modelConcat(in) })
	for _, n := range []int{0, 1, 2, 3, 5, 100} {
		checkTransform(t, fmt.Sprintf("Take %d", n), func(in s) s { return seq.Take(in, n) },
			func(in []trElem) []trElem { return modelTake(in, n) })
		checkTransform(t, fmt.Sprintf("Skip %d", n), func(in s) s { return seq.Skip(in, n) },
			func(in []trElem) []trElem { return modelSkip(in, n) })
	}
	checkTransform(t, "TakeWhile", func(in s) s { return seq.TakeWhile(in, trBelow5) },
		func(in []trElem) []trElem { return modelTakeWhile(in, trBelow5) })
	checkTransform(t, "SkipWhile", func(in s) s { return seq.SkipWhile(in, trBelow5) },
		func(in []trElem) []trElem { return modelSkipWhile(in, trBelow5) })
	checkTransform(t, "SkipWhile even", func(in s) s { return seq.SkipWhile(in, trEven) },
		func(in []trElem) []trElem { return modelSkipWhile(in, trEven) })
	for _, n := range []int{1, 2, 3, 5, 100} {
		checkTransform(t, fmt.Sprintf("Chunk %d", n), func(in s) iter.Seq2[[]int, error] { return seq.Chunk(in, n) },
			func(in []trElem) []streamtest.Elem[[]int] { return modelChunk(in, n) })
	}
	checkTransform(t, "Scan", func(in s) s { return seq.Scan(in, 100, trSum) },
		func(in []trElem) []trElem { return modelScan(in, 100, trSum) })
	checkTransform(t, "Scan to string", func(in s) iter.Seq2[string, error] { return seq.Scan(in, ">", trAppend) },
		func(in []trElem) []streamtest.Elem[string] { return modelScan(in, ">", trAppend) })
	checkTransform(t, "Compact", seq.Compact[int], modelCompact)
	checkTransform(t, "Unique", seq.Unique[int], modelUnique)
	checkTransform(t, "Zip side", func(in s) iter.Seq2[trPair, error] { return seq.Zip(in, trSide()) },
		func(in []trElem) []streamtest.Elem[trPair] { return modelZip(in, trSideElems) })
	checkTransform(t, "Zip long", func(in s) iter.Seq2[trPair, error] {
		return seq.Zip(in, streamtest.NewSource(trLongElems).Seq())
	}, func(in []trElem) []streamtest.Elem[trPair] { return modelZip(in, trLongElems) })
	checkTransform(t, "Zip side first", func(in s) iter.Seq2[trPair, error] { return seq.Zip(trSide(), in) },
		func(in []trElem) []streamtest.Elem[trPair] { return modelZip(trSideElems, in) })
	checkTransform(t, "Zip self", func(in s) iter.Seq2[trPair, error] { return seq.Zip(in, in) },
		func(in []trElem) []streamtest.Elem[trPair] { return modelZip(in, in) })
	checkTransform(t, "Tap", func(in s) s { return seq.Tap(in, func(int) {}) },
		func(in []trElem) []trElem { return in })
	checkTransform(t, "StopOnError", seq.StopOnError[int], modelStopOnError)
}

// A pipeline of several operators keeps the contract as a whole.
func TestTransformPipelineContract(t *testing.T) {
	op := func(in iter.Seq2[int, error]) iter.Seq2[[]int, error] {
		return seq.Chunk(seq.Take(seq.Compact(seq.FlatMap(seq.Filter(in, trBelow5), trInner)), 4), 2)
	}
	model := func(in []trElem) []streamtest.Elem[[]int] {
		return modelChunk(modelTake(modelCompact(modelFlatMap(modelFilter(in, trBelow5), trInnerElems)), 4), 2)
	}
	checkTransform(t, "pipeline", op, model)
}

func TestTapSeesWhatConsumerGets(t *testing.T) {
	in := append(streamtest.Vals(1, 2), streamtest.Err[int](streamtest.ErrA), trElem{V: 3}, trElem{V: 4})
	var seen []int
	var got []int
	for v, err := range seq.Tap(streamtest.NewSource(in).Seq(), func(v int) { seen = append(seen, v) }) {
		if err != nil {
			continue
		}
		got = append(got, v)
		if v == 3 {
			break
		}
	}
	if want := []int{1, 2, 3}; !cmp.Equal(seen, want) || !cmp.Equal(got, want) {
		t.Errorf("Tap called f with %v and the consumer got %v, want %v for both", seen, got, want)
	}
}

func TestCompactAcrossErrors(t *testing.T) {
	e := streamtest.Err[int]
	tests := []struct {
		name string
		in   []trElem
		want []trElem
	}{
		{"error between duplicates", []trElem{{V: 1}, e(streamtest.ErrA), {V: 1}}, []trElem{{V: 1}, e(streamtest.ErrA)}},
		{"errors between duplicates", []trElem{{V: 1}, e(streamtest.ErrA), e(streamtest.ErrB), {V: 1}, {V: 2}},
			[]trElem{{V: 1}, e(streamtest.ErrA), e(streamtest.ErrB), {V: 2}}},
		{"error before first value", []trElem{e(streamtest.ErrA), {V: 0}, {V: 0}}, []trElem{e(streamtest.ErrA), {V: 0}}},
		{"zero value first", streamtest.Vals(0, 0, 1), streamtest.Vals(0, 1)},
		{"not adjacent", streamtest.Vals(1, 2, 1), streamtest.Vals(1, 2, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := streamtest.Collect(seq.Compact(streamtest.NewSource(tt.in).Seq()))
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateErrors()); diff != "" {
				t.Errorf("Compact(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestScanNeverYieldsInit(t *testing.T) {
	tests := []struct {
		name string
		in   []trElem
		want []trElem
	}{
		{"empty", nil, nil},
		{"error only", []trElem{streamtest.Err[int](streamtest.ErrA)}, []trElem{streamtest.Err[int](streamtest.ErrA)}},
		{"values", streamtest.Vals(1, 2, 3), streamtest.Vals(11, 13, 16)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := streamtest.Collect(seq.Scan(streamtest.NewSource(tt.in).Seq(), 10, trSum))
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateErrors()); diff != "" {
				t.Errorf("Scan(%v, 10, sum) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestStopOnErrorStopsUpstream(t *testing.T) {
	src := streamtest.NewSource(append(streamtest.Vals(1, 2), streamtest.Err[int](streamtest.ErrA), trElem{V: 3}))
	got := streamtest.Collect(seq.StopOnError(src.Seq()))
	want := append(streamtest.Vals(1, 2), streamtest.Err[int](streamtest.ErrA))
	if diff := cmp.Diff(want, got, cmpopts.EquateErrors()); diff != "" {
		t.Errorf("StopOnError = %v, want %v", got, want)
	}
	if starts, cleanups, produced := src.Stats(); starts != 1 || cleanups != 1 || produced != 3 {
		t.Errorf("source started %d, cleaned up %d, produced %d; want 1, 1, 3", starts, cleanups, produced)
	}
}
