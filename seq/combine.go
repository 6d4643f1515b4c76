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
// once, to its end, before s is asked for its next element.
//
// Error elements of s and of the inner streams pass through unchanged in
// their positions (error elements of s as (zero U, err)); f is not called
// for error elements. An inner stream that is nil becomes an error element
// in its place and the stream goes on. An empty s, or inner streams that
// are all empty, give an empty stream.
//
// When the consumer stops, FlatMap stops the inner stream it is in and s at
// once. FlatMap takes no context and ends when s ends, so over an infinite
// s (or an infinite inner stream) it runs until the consumer stops. It runs
// on the consumer's goroutine: a panic in s, f or an inner stream unwinds as
// it is. The result can be ranged again when s and the streams f returns
// can; each range starts s afresh and calls f again.
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
// all of ss[0], then all of ss[1], and so on. Error elements pass through
// unchanged in their positions. Concat of no streams, or of empty ones,
// gives an empty stream.
//
// When the consumer stops, Concat stops the stream it is in at once and
// starts none of the rest. Concat takes no context; an infinite stream in ss
// runs until the consumer stops and the streams after it never start. It
// runs on the consumer's goroutine: a panic in any stream unwinds as it is.
// The result can be ranged again when every stream of ss can; each range
// starts them afresh. Concat keeps its own copy of ss.
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
// pulls b until b gives a value, and yields the pair. It ends with the
// shorter side: when either a or b ends, Zip stops both and ends, and a
// value of a left without a partner is dropped.
//
// Error elements of either side pass through unchanged in their positions,
// as (zero Pair, err): those of a as a gives them, and those of b as Zip
// pulls past them on its way to b's next value. An empty a gives an empty
// stream without starting b.
//
// Zip ranges over a on the consumer's goroutine and pulls b with
// [iter.Pull2], which runs b as a coroutine: a panic in a or b reaches the
// consumer with the same value. When the consumer stops, Zip stops both a
// and b at once. Zip takes no context; over two infinite streams it runs
// until the consumer stops. The result can be ranged again when a and b
// can; each range starts both afresh.
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
