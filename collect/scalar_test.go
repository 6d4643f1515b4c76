package collect_test

import (
	"fmt"
	"math"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/itergen/itergen/collect"
	"github.com/itergen/itergen/internal/streamtest"
)

// result is what the (T, bool, error) consumers return, for cmp.Diff.
type result struct {
	V  int
	OK bool
}

func TestCount(t *testing.T) {
	for _, c := range streamtest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			vs, wantErr := prefix(c.Input)
			want := len(vs)
			if wantErr != nil {
				want = 0
			}
			src := streamtest.NewSource(c.Input)
			got, err := collect.Count(src.Seq())
			call := fmt.Sprintf("Count(%v)", c.Input)
			if got != want {
				t.Errorf("%s = %d, want %d", call, got, want)
			}
			checkErr(t, call, err, wantErr)
			checkSource(t, src, readUntil[int](c.Input, nil))
		})
	}
}

func TestReduce(t *testing.T) {
	for _, c := range streamtest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			// The accumulator has another type than the values, and an
			// init that is not its zero value, to see both come back right.
			f := func(acc string, v int) string { return acc + strconv.Itoa(v) }
			vs, wantErr := prefix(c.Input)
			want := ">"
			for _, v := range vs {
				want = f(want, v)
			}
			if wantErr != nil {
				want = ""
			}
			src := streamtest.NewSource(c.Input)
			got, err := collect.Reduce(src.Seq(), ">", f)
			call := fmt.Sprintf("Reduce(%v, %q, concat)", c.Input, ">")
			if got != want {
				t.Errorf("%s = %q, want %q", call, got, want)
			}
			checkErr(t, call, err, wantErr)
			checkSource(t, src, readUntil[int](c.Input, nil))
		})
	}
}

func TestLast(t *testing.T) {
	for _, c := range streamtest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			vs, wantErr := prefix(c.Input)
			var want result
			if wantErr == nil && len(vs) > 0 {
				want = result{vs[len(vs)-1], true}
			}
			src := streamtest.NewSource(c.Input)
			v, ok, err := collect.Last(src.Seq())
			call := fmt.Sprintf("Last(%v)", c.Input)
			if diff := cmp.Diff(want, result{v, ok}); diff != "" {
				t.Errorf("%s = %v, %v, want %v (-want +got):\n%s", call, v, ok, want, diff)
			}
			checkErr(t, call, err, wantErr)
			checkSource(t, src, readUntil[int](c.Input, nil))
		})
	}
}

func TestMinMax(t *testing.T) {
	for _, c := range streamtest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			vs, wantErr := prefix(c.Input)
			var wantMin, wantMax result
			if wantErr == nil && len(vs) > 0 {
				wantMin, wantMax = result{vs[0], true}, result{vs[0], true}
				for _, v := range vs {
					if v < wantMin.V {
						wantMin.V = v
					}
					if v > wantMax.V {
						wantMax.V = v
					}
				}
			}

			src := streamtest.NewSource(c.Input)
			v, ok, err := collect.Min(src.Seq())
			call := fmt.Sprintf("Min(%v)", c.Input)
			if diff := cmp.Diff(wantMin, result{v, ok}); diff != "" {
				t.Errorf("%s = %v, %v, want %v", call, v, ok, wantMin)
			}
			checkErr(t, call, err, wantErr)
			checkSource(t, src, readUntil[int](c.Input, nil))

			src = streamtest.NewSource(c.Input)
			v, ok, err = collect.Max(src.Seq())
			call = fmt.Sprintf("Max(%v)", c.Input)
			if diff := cmp.Diff(wantMax, result{v, ok}); diff != "" {
				t.Errorf("%s = %v, %v, want %v", call, v, ok, wantMax)
			}
			checkErr(t, call, err, wantErr)
			checkSource(t, src, readUntil[int](c.Input, nil))
		})
	}
}

func TestMinMaxFloat(t *testing.T) {
	nan, negZero := math.NaN(), math.Copysign(0, -1)
	tests := []struct {
		name     string
		in       []float64
		min, max float64
	}{
		{"NaN first", []float64{nan, 1, 2}, nan, nan},
		{"NaN middle", []float64{1, nan, 2}, nan, nan},
		{"NaN last", []float64{1, 2, nan}, nan, nan},
		{"NaN only", []float64{nan}, nan, nan},
		{"signed zeros", []float64{0, negZero}, negZero, 0},
		{"infinities", []float64{math.Inf(1), 3, math.Inf(-1)}, math.Inf(-1), math.Inf(1)},
	}
	// same tells NaN from numbers and -0 from +0.
	same := func(a, b float64) bool {
		return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := streamtest.Vals(tt.in...)
			if v, ok, err := collect.Min(streamtest.NewSource(in).Seq()); !same(v, tt.min) || !ok || err != nil {
				t.Errorf("Min(%v) = %v, %v, %v, want %v, true, nil", tt.in, v, ok, err, tt.min)
			}
			if v, ok, err := collect.Max(streamtest.NewSource(in).Seq()); !same(v, tt.max) || !ok || err != nil {
				t.Errorf("Max(%v) = %v, %v, %v, want %v, true, nil", tt.in, v, ok, err, tt.max)
			}
			// A NaN does not end the stream early: a later error is reported.
			in = append(in, streamtest.Err[float64](streamtest.ErrA))
			if v, ok, err := collect.Min(streamtest.NewSource(in).Seq()); v != 0 || ok || err != streamtest.ErrA {
				t.Errorf("Min(%v) = %v, %v, %v, want 0, false, %v", in, v, ok, err, streamtest.ErrA)
			}
			if v, ok, err := collect.Max(streamtest.NewSource(in).Seq()); v != 0 || ok || err != streamtest.ErrA {
				t.Errorf("Max(%v) = %v, %v, %v, want 0, false, %v", in, v, ok, err, streamtest.ErrA)
			}
		})
	}
}

func TestSum(t *testing.T) {
	for _, c := range streamtest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			vs, wantErr := prefix(c.Input)
			want := 0
			for _, v := range vs {
				want += v
			}
			if wantErr != nil {
				want = 0
			}
			src := streamtest.NewSource(c.Input)
			got, err := collect.Sum(src.Seq())
			call := fmt.Sprintf("Sum(%v)", c.Input)
			if got != want {
				t.Errorf("%s = %d, want %d", call, got, want)
			}
			checkErr(t, call, err, wantErr)
			checkSource(t, src, readUntil[int](c.Input, nil))
		})
	}
}

func TestSumArithmetic(t *testing.T) {
	in8 := streamtest.Vals[int8](100, 27, 1)
	if got, err := collect.Sum(streamtest.NewSource(in8).Seq()); got != math.MinInt8 || err != nil {
		t.Errorf("Sum(%v) = %v, %v, want %d (wrapped), nil", in8, got, err, math.MinInt8)
	}
	// Added in stream order: 1e16 + 1 + 1 rounds twice to 1e16.
	inF := streamtest.Vals(1e16, 1, 1)
	if got, err := collect.Sum(streamtest.NewSource(inF).Seq()); got != 1e16 || err != nil {
		t.Errorf("Sum(%v) = %v, %v, want 1e16, nil", inF, got, err)
	}
}
