package seq

import (
	"errors"
	"iter"
	"slices"
	"strconv"
)

// errNilInner takes the place of a nil stream returned by FlatMap's f.
var errNilInner = errors.New("seq.FlatMap: f returned a nil stream")

// FlatMap returns a stream of the elements of f(v) for each value v of s,
// one inner stream after another, in order. Each inner stream is ranged
// once, to its end, before s is asked for its next element; its error
// elements pass through like those of s. A nil inner stream becomes an error
// element in its place and the stream goes on. When the consumer stops,
// FlatMap stops the inner stream it is in and s. Each range calls f again.
//
// FlatMap panics if s or f is nil.
func FlatMap[T, U any](s iter.Seq2[T, error], f func(T) iter.Seq2[U, error]) iter.Seq2[U, error] {
	checkStream("seq.FlatMap", s)
	checkFunc("seq.FlatMap", f == nil)
	return func(yield func(U, error) bool) {
		more := true
		// inner is built once per range so that ranging over each inner
		// stream allocates nothing.
		inner := func(u U, err error) bool {
			if !more {
				yieldAgain("seq.FlatMap")
			}
			more = yield(u, err)
			return more
		}
		s(func(v T, err error) bool {
			if !more {
				yieldAgain("seq.FlatMap")
			}
			var zero U
			if err != nil {
				more = yield(zero, err)
			} else if is := f(v); is == nil {
				more = yield(zero, errNilInner)
			} else {
				is(inner)
			}
			return more
		})
	}
}

// Concat returns a stream of the elements of each stream of ss in turn:
// all of ss[0], then all of ss[1], and so on; Concat of no streams is
// empty. A stream of ss starts only when the one before it has ended, so
// none starts after the consumer stops or after an infinite one. Concat
// keeps its own copy of ss.
//
// Concat panics if a stream in ss is nil.
func Concat[T any](ss ...iter.Seq2[T, error]) iter.Seq2[T, error] {
	for i, s := range ss {
		if s == nil {
			panic("seq.Concat: nil stream at index " + strconv.Itoa(i))
		}
	}
	ss = slices.Clone(ss)
	return func(yield func(T, error) bool) {
		more := true
		each := func(v T, err error) bool {
			if !more {
				yieldAgain("seq.Concat")
			}
			more = yield(v, err)
			return more
		}
		for _, s := range ss {
			s(each)
			if !more {
				return
			}
		}
	}
}

// Zip returns a stream of pairs of the values of a and b taken in step: the
// i-th value of a with the i-th value of b. It takes a value from a, then
// pulls b until b gives a value, and yields the pair. Error elements of
// either side pass through as (zero Pair, err): those of a as a gives them,
// those of b as Zip pulls past them. When either side ends, Zip stops both
// and ends: a value of a left without a partner is dropped, and an empty a
// gives an empty stream without starting b.
//
// Zip pulls b with [iter.Pull2], which runs b as a coroutine; a panic in b
// reaches the consumer with the same value.
//
// Zip panics if a or b is nil.
func Zip[A, B any](a iter.Seq2[A, error], b iter.Seq2[B, error]) iter.Seq2[Pair[A, B], error] {
	checkStream("seq.Zip", a)
	checkStream("seq.Zip", b)
	return func(yield func(Pair[A, B], error) bool) {
		next, stop := iter.Pull2(guard("seq.Zip", b))
		defer stop()
		more := true
		a(func(x A, err error) bool {
			if !more {
				yieldAgain("seq.Zip")
			}
			more = zipStep(x, err, next, yield)
			return more
		})
	}
}

// zipStep pairs x, a value of a (or passes err, an error element of a, on)
// with the next value of b, passing b's errors on the way. It reports
// whether Zip goes on.
func zipStep[A, B any](x A, err error, next func() (B, error, bool), yield func(Pair[A, B], error) bool) bool {
	if err != nil {
		return yield(Pair[A, B]{}, err)
	}
	for {
		y, err, ok := next()
		if !ok {
			return false
		}
		if err == nil {
			return yield(Pair[A, B]{First: x, Second: y}, nil)
		}
		if !yield(Pair[A, B]{}, err) {
			return false
		}
	}
}

// guard returns s with a yield that panics, naming the operator name, when
// s calls it again after it returned false: for an s that the operator
// hands to [iter.Pull2], which would otherwise let s go on forever.
func guard[T any](name string, s iter.Seq2[T, error]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		more := true
		s(func(v T, err error) bool {
			if !more {
				yieldAgain(name)
			}
			more = yield(v, err)
			return more
		})
	}
}
