package seq_test

import (
	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

// The models below compute, over plain slices, what each transform must
// yield for a whole input. Each one is written as directly as possible from
// the operator's doc comment and the stream contract of the package doc, so
// that the operators and the models can only agree by being right. An empty result is nil, as streamtest.Check reports it.

type trElem = streamtest.Elem[int]

func trErr[U any](err error) streamtest.Elem[U] { return streamtest.Elem[U]{Err: err} }

func modelMap[T, U any](in []streamtest.Elem[T], f func(T) U) []streamtest.Elem[U] {
	var out []streamtest.Elem[U]
	for _, e := range in {
		if e.Err != nil {
			out = append(out, trErr[U](e.Err))
			continue
		}
		out = append(out, streamtest.Elem[U]{V: f(e.V)})
	}
	return out
}

func modelTryMap[T, U any](in []streamtest.Elem[T], f func(T) (U, error)) []streamtest.Elem[U] {
	var out []streamtest.Elem[U]
	for _, e := range in {
		if e.Err != nil {
			out = append(out, trErr[U](e.Err))
			continue
		}
		u, err := f(e.V)
		if err != nil {
			out = append(out, trErr[U](err))
			continue
		}
		out = append(out, streamtest.Elem[U]{V: u})
	}
	return out
}

func modelFilter(in []trElem, keep func(int) bool) []trElem {
	var out []trElem
	for _, e := range in {
		if e.Err != nil || keep(e.V) {
			out = append(out, e)
		}
	}
	return out
}

func modelFlatMap(in []trElem, f func(int) []trElem) []trElem {
	var out []trElem
	for _, e := range in {
		if e.Err != nil {
			out = append(out, e)
			continue
		}
		out = append(out, f(e.V)...)
	}
	return out
}

func modelConcat(ins ...[]trElem) []trElem {
	var out []trElem
	for _, in := range ins {
		out = append(out, in...)
	}
	return out
}

func modelTake(in []trElem, n int) []trElem {
	var out []trElem
	for _, e := range in {
		if n == 0 {
			break
		}
		out = append(out, e)
		if e.Err == nil {
			n--
		}
	}
	return out
}

func modelSkip(in []trElem, n int) []trElem {
	var out []trElem
	for _, e := range in {
		if e.Err == nil && n > 0 {
			n--
			continue
		}
		out = append(out, e)
	}
	return out
}

func modelTakeWhile(in []trElem, f func(int) bool) []trElem {
	var out []trElem
	for _, e := range in {
		if e.Err == nil && !f(e.V) {
			break
		}
		out = append(out, e)
	}
	return out
}

func modelSkipWhile(in []trElem, f func(int) bool) []trElem {
	var out []trElem
	skipping := true
	for _, e := range in {
		if e.Err == nil && skipping && f(e.V) {
			continue
		}
		if e.Err == nil {
			skipping = false
		}
		out = append(out, e)
	}
	return out
}

func modelChunk(in []trElem, n int) []streamtest.Elem[[]int] {
	var (
		out   []streamtest.Elem[[]int]
		chunk []int
	)
	flush := func() {
		if len(chunk) > 0 {
			out = append(out, streamtest.Elem[[]int]{V: chunk})
			chunk = nil
		}
	}
	for _, e := range in {
		if e.Err != nil {
			flush()
			out = append(out, trErr[[]int](e.Err))
			continue
		}
		chunk = append(chunk, e.V)
		if len(chunk) == n {
			flush()
		}
	}
	flush()
	return out
}

func modelScan[A any](in []trElem, init A, f func(A, int) A) []streamtest.Elem[A] {
	var out []streamtest.Elem[A]
	acc := init
	for _, e := range in {
		if e.Err != nil {
			out = append(out, trErr[A](e.Err))
			continue
		}
		acc = f(acc, e.V)
		out = append(out, streamtest.Elem[A]{V: acc})
	}
	return out
}

func modelCompact(in []trElem) []trElem {
	var (
		out  []trElem
		vals []int
	)
	for _, e := range in {
		if e.Err == nil {
			if len(vals) > 0 && vals[len(vals)-1] == e.V {
				continue
			}
			vals = append(vals, e.V)
		}
		out = append(out, e)
	}
	return out
}

func modelUnique(in []trElem) []trElem {
	var out []trElem
	seen := map[int]bool{}
	for _, e := range in {
		if e.Err == nil {
			if seen[e.V] {
				continue
			}
			seen[e.V] = true
		}
		out = append(out, e)
	}
	return out
}

type trPair = seq.Pair[int, int]

func modelZip(a, b []trElem) []streamtest.Elem[trPair] {
	var out []streamtest.Elem[trPair]
	j := 0
	for _, x := range a {
		if x.Err != nil {
			out = append(out, trErr[trPair](x.Err))
			continue
		}
		for ; j < len(b) && b[j].Err != nil; j++ {
			out = append(out, trErr[trPair](b[j].Err))
		}
		if j == len(b) {
			break
		}
		out = append(out, streamtest.Elem[trPair]{V: trPair{First: x.V, Second: b[j].V}})
		j++
	}
	return out
}

func modelStopOnError(in []trElem) []trElem {
	var out []trElem
	for _, e := range in {
		out = append(out, e)
		if e.Err != nil {
			break
		}
	}
	return out
}
