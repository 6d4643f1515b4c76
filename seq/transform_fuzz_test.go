package seq_test

import (
	"fmt"
	"iter"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

// trDecode turns fuzz bytes into stream elements: a byte is ErrA or ErrB
// one time in four each, otherwise a value from -3 to 3, so that inputs
// hold runs of equal values and errors at any position.
func trDecode(data []byte) []trElem {
	var out []trElem
	for _, b := range data {
		switch b % 8 {
		case 0, 1:
			out = append(out, streamtest.Err[int](streamtest.ErrA))
		case 2, 3:
			out = append(out, streamtest.Err[int](streamtest.ErrB))
		default:
			out = append(out, trElem{V: int(b>>3)%7 - 3})
		}
	}
	return out
}

// trFuzzCompare ranges op over in to the end and then with a break after
// brk elements, and fails unless the runs are the model's output and its
// prefix, and the source was cleaned up after each range.
func trFuzzCompare[U any](t *testing.T, name string, in []trElem, brk int, op func(iter.Seq2[int, error]) iter.Seq2[U, error], model func([]trElem) []streamtest.Elem[U]) {
	t.Helper()
	want := model(in)
	src := streamtest.NewSource(in)
	s := op(src.Seq())
	got := streamtest.Collect(s)
	if diff := cmp.Diff(want, got, cmpopts.EquateErrors()); diff != "" {
		t.Fatalf("%s(%v) = %v, want %v", name, in, got, want)
	}
	k := brk % (len(want) + 1)
	n := 0
	got = trCollectUntil(s, func(streamtest.Elem[U]) bool { n++; return n == k })
	wantPrefix := want
	if k > 0 {
		wantPrefix = want[:k]
	}
	if diff := cmp.Diff(wantPrefix, got, cmpopts.EquateErrors()); diff != "" {
		t.Fatalf("%s(%v) with a break after %d elements = %v, want %v", name, in, k, got, wantPrefix)
	}
	if starts, cleanups, _ := src.Stats(); starts != cleanups {
		t.Fatalf("%s(%v): source started %d times, cleaned up %d times", name, in, starts, cleanups)
	}
}

func FuzzTransforms(f *testing.F) {
	f.Add(uint8(2), uint8(3), []byte{})
	f.Add(uint8(0), uint8(0), []byte{0x20, 0x28, 0x00, 0x28, 0x30, 0x02, 0x38})
	f.Add(uint8(3), uint8(5), []byte{0x24, 0x24, 0x01, 0x24, 0x2c, 0x2c, 0x03, 0x34, 0x24})
	f.Add(uint8(1), uint8(1), []byte{0x00, 0x01, 0x02})
	f.Fuzz(func(t *testing.T, nb, brk uint8, data []byte) {
		in := trDecode(data)
		n := int(nb % 8)
		type s = iter.Seq2[int, error]
		check := func(name string, op func(s) s, model func([]trElem) []trElem) {
			t.Helper()
			trFuzzCompare(t, name, in, int(brk), op, model)
		}
		check("Map", func(in s) s { return seq.Map(in, trTimes10) },
			func(in []trElem) []trElem { return modelMap(in, trTimes10) })
		check("TryMap", func(in s) s { return seq.TryMap(in, trHalveUnless3) },
			func(in []trElem) []trElem { return modelTryMap(in, trHalveUnless3) })
		check("Filter", func(in s) s { return seq.Filter(in, trEven) },
			func(in []trElem) []trElem { return modelFilter(in, trEven) })
		check("FlatMap", func(in s) s { return seq.FlatMap(in, trInner) },
			func(in []trElem) []trElem { return modelFlatMap(in, trInnerElems) })
		check(fmt.Sprintf("Take %d", n), func(in s) s { return seq.Take(in, n) },
			func(in []trElem) []trElem { return modelTake(in, n) })
		check(fmt.Sprintf("Skip %d", n), func(in s) s { return seq.Skip(in, n) },
			func(in []trElem) []trElem { return modelSkip(in, n) })
		below := func(v int) bool { return v < n-3 }
		check("TakeWhile", func(in s) s { return seq.TakeWhile(in, below) },
			func(in []trElem) []trElem { return modelTakeWhile(in, below) })
		check("SkipWhile", func(in s) s { return seq.SkipWhile(in, below) },
			func(in []trElem) []trElem { return modelSkipWhile(in, below) })
		check("Scan", func(in s) s { return seq.Scan(in, n, trSum) },
			func(in []trElem) []trElem { return modelScan(in, n, trSum) })
		check("Compact", seq.Compact[int], modelCompact)
		check("Unique", seq.Unique[int], modelUnique)
		check("Tap", func(in s) s { return seq.Tap(in, func(int) {}) }, func(in []trElem) []trElem { return in })
		check("StopOnError", seq.StopOnError[int], modelStopOnError)
		trFuzzCompare(t, fmt.Sprintf("Chunk %d", n+1), in, int(brk),
			func(in s) iter.Seq2[[]int, error] { return seq.Chunk(in, n+1) },
			func(in []trElem) []streamtest.Elem[[]int] { return modelChunk(in, n+1) })
	})
}

// FuzzCombine checks the operators over two streams; split cuts the input
// into the first stream and the second.
func FuzzCombine(f *testing.F) {
	f.Add(uint8(2), uint8(3), []byte{0x20, 0x28, 0x00, 0x28, 0x30, 0x02, 0x38})
	f.Add(uint8(0), uint8(1), []byte{0x24, 0x01})
	f.Add(uint8(5), uint8(0), []byte{0x24, 0x2c, 0x03, 0x34, 0x24, 0x00, 0x02})
	f.Fuzz(func(t *testing.T, split, brk uint8, data []byte) {
		all := trDecode(data)
		cut := int(split) % (len(all) + 1)
		a, b := all[:cut], all[cut:]
		other := func() iter.Seq2[int, error] { return streamtest.NewSource(b).Seq() }
		trFuzzCompare(t, "Zip a", a, int(brk),
			func(in iter.Seq2[int, error]) iter.Seq2[trPair, error] { return seq.Zip(in, other()) },
			func(in []trElem) []streamtest.Elem[trPair] { return modelZip(in, b) })
		trFuzzCompare(t, "Zip b", a, int(brk),
			func(in iter.Seq2[int, error]) iter.Seq2[trPair, error] { return seq.Zip(other(), in) },
			func(in []trElem) []streamtest.Elem[trPair] { return modelZip(b, in) })
		trFuzzCompare(t, "Concat", a, int(brk),
			func(in iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.Concat(in, other(), in) },
			func(in []trElem) []trElem { return modelConcat(in, b, in) })
	})
}
