package collect_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/itergen/itergen/collect"
	"github.com/itergen/itergen/internal/streamtest"
)

// keys are the key functions Map and GroupBy are tested with: distinct keys,
// colliding keys, one key for all.
var keys = []struct {
	name string
	f    func(int) int
}{
	{"identity", func(v int) int { return v }},
	{"mod 3", func(v int) int { return v % 3 }},
	{"constant", func(int) int { return 0 }},
}

// preds are the predicates Partition, Find, Any and All are tested with.
var preds = []struct {
	name string
	f    func(int) bool
}{
	{"even", func(v int) bool { return v%2 == 0 }},
	{"greater than 4", func(v int) bool { return v > 4 }},
	{"always", func(int) bool { return true }},
	{"never", func(int) bool { return false }},
}

func TestSlice(t *testing.T) {
	for _, c := range streamtest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			want, wantErr := prefix(c.Input)
			src := streamtest.NewSource(c.Input)
			got, err := collect.Slice(src.Seq())
			call := fmt.Sprintf("Slice(%v)", c.Input)
			// cmp.Diff tells nil from empty: an empty result must be nil.
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s = %#v, want %#v (-want +got):\n%s", call, got, want, diff)
			}
			checkErr(t, call, err, wantErr)
			checkSource(t, src, readUntil[int](c.Input, nil))
		})
	}
}

func TestMap(t *testing.T) {
	for _, c := range streamtest.Cases() {
		for _, k := range keys {
			t.Run(c.Name+"/"+k.name, func(t *testing.T) {
				vs, wantErr := prefix(c.Input)
				want := map[int]int{}
				for _, v := range vs {
					want[k.f(v)] = v
				}
				src := streamtest.NewSource(c.Input)
				got, err := collect.Map(src.Seq(), k.f)
				call := fmt.Sprintf("Map(%v, %s)", c.Input, k.name)
				checkMap(t, call, got, want, err, wantErr, src, c.Input)
			})
		}
	}
}

func TestMapLastWins(t *testing.T) {
	type user struct {
		id   int
		name string
	}
	in := streamtest.Vals(user{1, "ann"}, user{2, "bob"}, user{1, "cat"})
	got, err := collect.Map(streamtest.NewSource(in).Seq(), func(u user) int { return u.id })
	want := map[int]user{1: {1, "cat"}, 2: {2, "bob"}}
	if err != nil || !cmp.Equal(got, want, cmp.AllowUnexported(user{})) {
		t.Errorf("Map(%v, id) = %v, %v, want %v, nil", in, got, err, want)
	}
}

func TestSet(t *testing.T) {
	for _, c := range streamtest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			vs, wantErr := prefix(c.Input)
			want := map[int]struct{}{}
			for _, v := range vs {
				want[v] = struct{}{}
			}
			src := streamtest.NewSource(c.Input)
			got, err := collect.Set(src.Seq())
			call := fmt.Sprintf("Set(%v)", c.Input)
			checkMap(t, call, got, want, err, wantErr, src, c.Input)
		})
	}
}

func TestGroupBy(t *testing.T) {
	for _, c := range streamtest.Cases() {
		for _, k := range keys {
			t.Run(c.Name+"/"+k.name, func(t *testing.T) {
				vs, wantErr := prefix(c.Input)
				want := map[int][]int{}
				for _, v := range vs {
					want[k.f(v)] = append(want[k.f(v)], v)
				}
				src := streamtest.NewSource(c.Input)
				got, err := collect.GroupBy(src.Seq(), k.f)
				call := fmt.Sprintf("GroupBy(%v, %s)", c.Input, k.name)
				checkMap(t, call, got, want, err, wantErr, src, c.Input)
			})
		}
	}
}

func TestPartition(t *testing.T) {
	for _, c := range streamtest.Cases() {
		for _, p := range preds {
			t.Run(c.Name+"/"+p.name, func(t *testing.T) {
				vs, wantErr := prefix(c.Input)
				var wantYes, wantNo []int
				for _, v := range vs {
					if p.f(v) {
						wantYes = append(wantYes, v)
					} else {
						wantNo = append(wantNo, v)
					}
				}
				src := streamtest.NewSource(c.Input)
				yes, no, err := collect.Partition(src.Seq(), p.f)
				call := fmt.Sprintf("Partition(%v, %s)", c.Input, p.name)
				if diff := cmp.Diff(wantYes, yes); diff != "" {
					t.Errorf("%s yes = %#v, want %#v (-want +got):\n%s", call, yes, wantYes, diff)
				}
				if diff := cmp.Diff(wantNo, no); diff != "" {
					t.Errorf("%s no = %#v, want %#v (-want +got):\n%s", call, no, wantNo, diff)
				}
				checkErr(t, call, err, wantErr)
				checkSource(t, src, readUntil[int](c.Input, nil))
			})
		}
	}
}

// checkMap checks what Map, Set and GroupBy return: a non-nil map equal to
// want, the error wantErr, and a source read up to its first error.
func checkMap[K comparable, V any](t *testing.T, call string, got, want map[K]V, err, wantErr error, src *streamtest.Source[int], in []streamtest.Elem[int]) {
	t.Helper()
	if got == nil {
		t.Errorf("%s returned a nil map", call)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s = %v, want %v (-want +got):\n%s", call, got, want, diff)
	}
	checkErr(t, call, err, wantErr)
	checkSource(t, src, readUntil[int](in, nil))
}
