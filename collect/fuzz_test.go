package collect_test

import (
	"math"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/itergen/itergen/collect"
	"github.com/itergen/itergen/internal/streamtest"
)

// fuzzInts turns fuzz data into a stream's elements: one per byte, an error
// element for about one byte in sixteen (ErrA or ErrB), otherwise a small
// value, so that values repeat and keys collide.
func fuzzInts(data []byte) []streamtest.Elem[int] {
	in := make([]streamtest.Elem[int], len(data))
	for i, b := range data {
		switch b % 32 {
		case 30:
			in[i] = streamtest.Err[int](streamtest.ErrA)
		case 31:
			in[i] = streamtest.Err[int](streamtest.ErrB)
		default:
			in[i] = streamtest.Elem[int]{V: int(int8(b)) / 4}
		}
	}
	return in
}

// fuzzFloats is fuzzInts for floats, with NaNs, signed zeros and infinities
// mixed in.
func fuzzFloats(data []byte) []streamtest.Elem[float64] {
	in := make([]streamtest.Elem[float64], len(data))
	for i, b := range data {
		switch b % 32 {
		case 31:
			in[i] = streamtest.Err[float64](streamtest.ErrA)
		case 30:
			in[i] = streamtest.Elem[float64]{V: math.NaN()}
		case 29:
			in[i] = streamtest.Elem[float64]{V: math.Copysign(0, -1)}
		case 28:
			in[i] = streamtest.Elem[float64]{V: math.Inf(int(b%2)*2 - 1)}
		default:
			in[i] = streamtest.Elem[float64]{V: float64(int8(b)) / 8}
		}
	}
	return in
}

func addFuzzSeeds(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{4, 8, 12, 8})
	f.Add([]byte{30})
	f.Add([]byte{4, 30, 8, 31, 12})
	f.Add([]byte{200, 100, 29, 28, 60, 31})
}

// FuzzContainers compares the consumers that return containers with
// slice-based models.
func FuzzContainers(f *testing.F) {
	addFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		in := fuzzInts(data)
		vs, wantErr := prefix(in)
		key := func(v int) int { return v % 5 }
		even := func(v int) bool { return v%2 == 0 }

		got, err := collect.Slice(streamtest.NewSource(in).Seq())
		if diff := cmp.Diff(vs, got); diff != "" || err != wantErr {
			t.Errorf("Slice(%v) = %v, %v, want %v, %v", in, got, err, vs, wantErr)
		}

		wantMap, wantSet, wantGroups := map[int]int{}, map[int]struct{}{}, map[int][]int{}
		var wantYes, wantNo []int
		for _, v := range vs {
			wantMap[key(v)] = v
			wantSet[v] = struct{}{}
			wantGroups[key(v)] = append(wantGroups[key(v)], v)
			if even(v) {
				wantYes = append(wantYes, v)
			} else {
				wantNo = append(wantNo, v)
			}
		}
		if m, err := collect.Map(streamtest.NewSource(in).Seq(), key); !cmp.Equal(m, wantMap) || err != wantErr {
			t.Errorf("Map(%v, mod 5) = %v, %v, want %v, %v", in, m, err, wantMap, wantErr)
		}
		if m, err := collect.Set(streamtest.NewSource(in).Seq()); !cmp.Equal(m, wantSet) || err != wantErr {
			t.Errorf("Set(%v) = %v, %v, want %v, %v", in, m, err, wantSet, wantErr)
		}
		if m, err := collect.GroupBy(streamtest.NewSource(in).Seq(), key); !cmp.Equal(m, wantGroups) || err != wantErr {
			t.Errorf("GroupBy(%v, mod 5) = %v, %v, want %v, %v", in, m, err, wantGroups, wantErr)
		}
		yes, no, err := collect.Partition(streamtest.NewSource(in).Seq(), even)
		if !cmp.Equal(yes, wantYes) || !cmp.Equal(no, wantNo) || err != wantErr {
			t.Errorf("Partition(%v, even) = %v, %v, %v, want %v, %v, %v", in, yes, no, err, wantYes, wantNo, wantErr)
		}

		byTens := func(a, b int) int { return a/10 - b/10 }
		if s, err := collect.Sorted(streamtest.NewSource(in).Seq()); !cmp.Equal(s, insertionSort(vs, func(a, b int) int { return a - b })) || err != wantErr {
			t.Errorf("Sorted(%v) = %v, %v", in, s, err)
		}
		if s, err := collect.SortedFunc(streamtest.NewSource(in).Seq(), byTens); !cmp.Equal(s, insertionSort(vs, byTens)) || err != wantErr {
			t.Errorf("SortedFunc(%v, byTens) = %v, %v", in, s, err)
		}
	})
}

// FuzzScalars compares the consumers that return one value with
// slice-based models, and checks that those that answer early read no
// element more than they need.
func FuzzScalars(f *testing.F) {
	addFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		in := fuzzInts(data)
		vs, wantErr := prefix(in)
		ok := wantErr == nil
		zeroOnErr := func(v int) int {
			if !ok {
				return 0
			}
			return v
		}

		if n, err := collect.Count(streamtest.NewSource(in).Seq()); n != zeroOnErr(len(vs)) || err != wantErr {
			t.Errorf("Count(%v) = %v, %v", in, n, err)
		}
		wantSum := 0
		for _, v := range vs {
			wantSum += v
		}
		if s, err := collect.Sum(streamtest.NewSource(in).Seq()); s != zeroOnErr(wantSum) || err != wantErr {
			t.Errorf("Sum(%v) = %v, %v, want %v", in, s, err, zeroOnErr(wantSum))
		}
		sub := func(a, v int) int { return a*3 - v }
		wantFold := 1
		for _, v := range vs {
			wantFold = sub(wantFold, v)
		}
		if r, err := collect.Reduce(streamtest.NewSource(in).Seq(), 1, sub); r != zeroOnErr(wantFold) || err != wantErr {
			t.Errorf("Reduce(%v, 1, sub) = %v, %v, want %v", in, r, err, zeroOnErr(wantFold))
		}

		found := ok && len(vs) > 0
		var wantLast, wantMin, wantMax int
		if found {
			wantLast, wantMin, wantMax = vs[len(vs)-1], slices.Min(vs), slices.Max(vs)
		}
		if v, gotOK, err := collect.Last(streamtest.NewSource(in).Seq()); v != wantLast || gotOK != found || err != wantErr {
			t.Errorf("Last(%v) = %v, %v, %v", in, v, gotOK, err)
		}
		if v, gotOK, err := collect.Min(streamtest.NewSource(in).Seq()); v != wantMin || gotOK != found || err != wantErr {
			t.Errorf("Min(%v) = %v, %v, %v", in, v, gotOK, err)
		}
		if v, gotOK, err := collect.Max(streamtest.NewSource(in).Seq()); v != wantMax || gotOK != found || err != wantErr {
			t.Errorf("Max(%v) = %v, %v, %v", in, v, gotOK, err)
		}
		if err := collect.Drain(streamtest.NewSource(in).Seq()); err != wantErr {
			t.Errorf("Drain(%v) = %v, want %v", in, err, wantErr)
		}

		isNeg := func(v int) bool { return v < 0 }
		isPos := func(v int) bool { return v > 0 }
		src := streamtest.NewSource(in)
		wantV, wantFound, _, wantErrFind := searchModel(in, isNeg)
		if v, gotOK, err := collect.Find(src.Seq(), isNeg); v != wantV || gotOK != wantFound || err != wantErrFind {
			t.Errorf("Find(%v, isNeg) = %v, %v, %v, want %v, %v, %v", in, v, gotOK, err, wantV, wantFound, wantErrFind)
		}
		checkSource(t, src, readUntil(in, isNeg))

		src = streamtest.NewSource(in)
		if got, err := collect.Any(src.Seq(), isNeg); got != wantFound || err != wantErrFind {
			t.Errorf("Any(%v, isNeg) = %v, %v, want %v, %v", in, got, err, wantFound, wantErrFind)
		}
		checkSource(t, src, readUntil(in, isNeg))

		src = streamtest.NewSource(in)
		_, failed, _, wantErrAll := searchModel(in, func(v int) bool { return !isPos(v) })
		if got, err := collect.All(src.Seq(), isPos); got != (!failed && wantErrAll == nil) || err != wantErrAll {
			t.Errorf("All(%v, isPos) = %v, %v", in, got, err)
		}
		checkSource(t, src, readUntil(in, func(v int) bool { return !isPos(v) }))

		src = streamtest.NewSource(in)
		var wantFirst result
		var wantErrFirst error
		if len(in) > 0 {
			wantFirst, wantErrFirst = result{in[0].V, in[0].Err == nil}, in[0].Err
		}
		if v, gotOK, err := collect.First(src.Seq()); (result{v, gotOK}) != wantFirst || err != wantErrFirst {
			t.Errorf("First(%v) = %v, %v, %v", in, v, gotOK, err)
		}
		checkSource(t, src, min(len(in), 1))
	})
}

// FuzzFloats compares Min, Max, Sum and Sorted over floats, NaNs included,
// with the slices package and a plain loop.
func FuzzFloats(f *testing.F) {
	addFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		in := fuzzFloats(data)
		vs, wantErr := prefix(in)
		ok := wantErr == nil
		found := ok && len(vs) > 0
		var wantMin, wantMax, wantSum float64
		if found {
			wantMin, wantMax = slices.Min(vs), slices.Max(vs)
		}
		if ok {
			for _, v := range vs {
				wantSum += v
			}
		}
		// Float64bits tells -0 from +0; NaNs of any payload are equal.
		same := func(a, b float64) bool {
			return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
		}
		if v, gotOK, err := collect.Min(streamtest.NewSource(in).Seq()); !same(v, wantMin) || gotOK != found || err != wantErr {
			t.Errorf("Min(%v) = %v, %v, %v, want %v, %v, %v", in, v, gotOK, err, wantMin, found, wantErr)
		}
		if v, gotOK, err := collect.Max(streamtest.NewSource(in).Seq()); !same(v, wantMax) || gotOK != found || err != wantErr {
			t.Errorf("Max(%v) = %v, %v, %v, want %v, %v, %v", in, v, gotOK, err, wantMax, found, wantErr)
		}
		if s, err := collect.Sum(streamtest.NewSource(in).Seq()); !same(s, wantSum) || err != wantErr {
			t.Errorf("Sum(%v) = %v, %v, want %v, %v", in, s, err, wantSum, wantErr)
		}
		wantSorted := slices.Clone(vs)
		slices.Sort(wantSorted)
		if s, err := collect.Sorted(streamtest.NewSource(in).Seq()); !cmp.Equal(s, wantSorted, cmpopts.EquateNaNs()) || err != wantErr {
			t.Errorf("Sorted(%v) = %v, %v, want %v, %v", in, s, err, wantSorted, wantErr)
		}
	})
}
