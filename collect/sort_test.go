package collect_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/itergen/itergen/collect"
	"github.com/itergen/itergen/internal/streamtest"
)

// insertionSort is the model for Sorted and SortedFunc: simple, and stable.
func insertionSort[T any](vs []T, cmp func(a, b T) int) []T {
	out := append([]T(nil), vs...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && cmp(out[j-1], out[j]) > 0; j-- {
			out[j-1], out[j] = out[j], out[j-1]
		}
	}
	return out
}

func TestSorted(t *testing.T) {
	for _, c := range streamtest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			vs, wantErr := prefix(c.Input)
			want := insertionSort(vs, func(a, b int) int { return a - b })
			src := streamtest.NewSource(c.Input)
			got, err := collect.Sorted(src.Seq())
			call := fmt.Sprintf("Sorted(%v)", c.Input)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s = %#v, want %#v (-want +got):\n%s", call, got, want, diff)
			}
			checkErr(t, call, err, wantErr)
			checkSource(t, src, readUntil[int](c.Input, nil))
		})
	}
}

func TestSortedPartialIsSorted(t *testing.T) {
	in := append(streamtest.Vals(3, 1, 2), streamtest.Err[int](streamtest.ErrA), streamtest.Elem[int]{V: 0})
	got, err := collect.Sorted(streamtest.NewSource(in).Seq())
	if want := []int{1, 2, 3}; !cmp.Equal(got, want) || err != streamtest.ErrA {
		t.Errorf("Sorted(%v) = %v, %v, want %v, %v", in, got, err, want, streamtest.ErrA)
	}
}

func TestSortedFunc(t *testing.T) {
	// Comparing by the value divided by 3 makes ties (1 and 2; 3, 4 and 5),
	// so the order of equal values shows whether the sort is stable.
	byThirds := func(a, b int) int { return a/3 - b/3 }
	descending := func(a, b int) int { return b - a }
	cmps := []struct {
		name string
		f    func(a, b int) int
	}{
		{"by thirds", byThirds},
		{"descending", descending},
	}
	for _, c := range streamtest.Cases() {
		for _, k := range cmps {
			t.Run(c.Name+"/"+k.name, func(t *testing.T) {
				vs, wantErr := prefix(c.Input)
				want := insertionSort(vs, k.f)
				src := streamtest.NewSource(c.Input)
				got, err := collect.SortedFunc(src.Seq(), k.f)
				call := fmt.Sprintf("SortedFunc(%v, %s)", c.Input, k.name)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s = %#v, want %#v (-want +got):\n%s", call, got, want, diff)
				}
				checkErr(t, call, err, wantErr)
				checkSource(t, src, readUntil[int](c.Input, nil))
			})
		}
	}
}

func TestSortedFuncStable(t *testing.T) {
	type word struct{ Text, Tag string }
	in := streamtest.Vals(
		word{"bb", "1"}, word{"a", "2"}, word{"cc", "3"}, word{"d", "4"}, word{"eee", "5"}, word{"ff", "6"},
	)
	byLen := func(a, b word) int { return len(a.Text) - len(b.Text) }
	got, err := collect.SortedFunc(streamtest.NewSource(in).Seq(), byLen)
	want := []word{{"a", "2"}, {"d", "4"}, {"bb", "1"}, {"cc", "3"}, {"ff", "6"}, {"eee", "5"}}
	if diff := cmp.Diff(want, got); diff != "" || err != nil {
		t.Errorf("SortedFunc(%v, byLen) = %v, %v, want %v, nil (-want +got):\n%s", in, got, err, want, diff)
	}
}
