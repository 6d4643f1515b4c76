package collect

import "iter"

// Slice collects the values of s into a new slice, in order, and returns it.
// If s is empty, the slice is nil. It grows the slice the way
// [slices.Collect] does.
//
// Slice panics if s is nil.
func Slice[T any](s iter.Seq2[T, error]) ([]T, error) {
	checkStream("collect.Slice", s)
	var out []T
	for v, err := range s {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

// Map collects the values of s into a new map keyed by key(v). When several
// values have the same key, the last one wins. An empty stream gives an
// empty map, never nil.
//
// Map panics if s or key is nil.
func Map[T any, K comparable](s iter.Seq2[T, error], key func(T) K) (map[K]T, error) {
	checkStream("collect.Map", s)
	checkFunc("collect.Map", key == nil)
	m := make(map[K]T)
	for v, err := range s {
		if err != nil {
			return m, err
		}
		m[key(v)] = v
	}
	return m, nil
}

// Set collects the distinct values of s into a new set. An empty stream
// gives an empty set, never nil.
//
// Set panics if s is nil.
func Set[T comparable](s iter.Seq2[T, error]) (map[T]struct{}, error) {
	checkStream("collect.Set", s)
	m := make(map[T]struct{})
	for v, err := range s {
		if err != nil {
			return m, err
		}
		m[v] = struct{}{}
	}
	return m, nil
}

// GroupBy collects the values of s into groups keyed by key(v). Each group
// holds its values in stream order and is never empty. An empty stream
// gives an empty map, never nil.
//
// GroupBy panics if s or key is nil.
func GroupBy[T any, K comparable](s iter.Seq2[T, error], key func(T) K) (map[K][]T, error) {
	checkStream("collect.GroupBy", s)
	checkFunc("collect.GroupBy", key == nil)
	m := make(map[K][]T)
	for v, err := range s {
		if err != nil {
			return m, err
		}
		k := key(v)
		m[k] = append(m[k], v)
	}
	return m, nil
}

// Partition splits the values of s in two new slices, each in stream order:
// yes holds the values for which f returns true, no the others. A slice
// that receives no value is nil, so an empty stream gives two nil slices.
//
// Partition panics if s or f is nil.
func Partition[T any](s iter.Seq2[T, error], f func(T) bool) (yes, no []T, err error) {
	checkStream("collect.Partition", s)
	checkFunc("collect.Partition", f == nil)
	for v, err := range s {
		if err != nil {
			return yes, no, err
		}
		if f(v) {
			yes = append(yes, v)
		} else {
			no = append(no, v)
		}
	}
	return yes, no, nil
}
