package collect

import (
	"cmp"
	"iter"
	"slices"
)

// Sorted collects the values of s into a new slice and sorts it in
// ascending order, as [slices.Sort] does: NaNs are ordered before other
// values. If s is empty, the slice is nil.
//
// Sorted panics if s is nil.
func Sorted[T cmp.Ordered](s iter.Seq2[T, error]) ([]T, error) {
	checkStream("collect.Sorted", s)
	out, err := Slice(s)
	slices.Sort(out)
	return out, err
}

// SortedFunc collects the values of s into a new slice and sorts it with
// cmp, which returns a negative number when a < b, a positive number when
// a > b and zero when they are equal, as for [slices.SortFunc]. The sort is
// stable: equal values keep their order in s. If s is empty, the slice is
// nil.
//
// SortedFunc panics if s or cmp is nil.
func SortedFunc[T any](s iter.Seq2[T, error], cmp func(a, b T) int) ([]T, error) {
	checkStream("collect.SortedFunc", s)
	checkFunc("collect.SortedFunc", cmp == nil)
	out, err := Slice(s)
	slices.SortStableFunc(out, cmp)
	return out, err
}
