// Package streamtest is the contract harness shared by the tests of seq and
// collect: an instrumented [Source], the standard inputs of [Cases], and
// [Check], which runs an operator over a Source through
// [github.com/itergen/itergen/seq/seqtest.TestStream] and adds what only an
// instrumented source can see: that building the stream starts nothing and
// that every range of the source is cleaned up before the range over the
// operator returns.
package streamtest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/itergen/itergen/seq/seqtest"
)

// Elem is one element of a stream: a value (V, nil) or an error (zero, Err).
type Elem[T any] struct {
	V   T
	Err error
}

func (e Elem[T]) String() string {
	if e.Err != nil {
		return "err(" + e.Err.Error() + ")"
	}
	return fmt.Sprint(e.V)
}

// Errors that tests mix into their inputs.
var (
	ErrA = errors.New("streamtest: error A")
	ErrB = errors.New("streamtest: error B")
)

// Vals returns value elements for vs.
func Vals[T any](vs ...T) []Elem[T] {
	out := make([]Elem[T], len(vs))
	for i, v := range vs {
		out[i] = Elem[T]{V: v}
	}
	return out
}

// Err returns an error element.
func Err[T any](err error) Elem[T] { return Elem[T]{Err: err} }

// Case is a named input.
type Case struct {
	Name  string
	Input []Elem[int]
}

// Cases returns the standard inputs every operator is checked with: empty,
// values only, and error elements first, last, between values, adjacent and
// alone. Values repeat so that operators that look at equality have work.
func Cases() []Case {
	e := Err[int]
	return []Case{
		{"empty", nil},
		{"one", Vals(7)},
		{"values", Vals(1, 2, 2, 3, 4, 4, 4, 5, 6, 7, 8, 9)},
		{"error only", []Elem[int]{e(ErrA)}},
		{"error first", append([]Elem[int]{e(ErrA)}, Vals(1, 2, 3)...)},
		{"error last", append(Vals(1, 2, 3), e(ErrA))},
		{"errors between", []Elem[int]{{V: 1}, e(ErrA), {V: 2}, {V: 2}, e(ErrB), {V: 3}, {V: 1}, {V: 4}}},
		{"adjacent errors", []Elem[int]{{V: 5}, e(ErrA), e(ErrB), {V: 5}, {V: 6}, e(ErrA)}},
		{"only errors", []Elem[int]{e(ErrA), e(ErrB), e(ErrA)}},
	}
}

// Source is an instrumented, re-iterable stream over fixed elements. It
// counts the ranges that started it and the cleanups that ran, and reports
// a yield that was called again after it returned false.
type Source[T any] struct {
	elems []Elem[T]

	mu       sync.Mutex
	starts   int
	cleanups int
	produced int
}

// NewSource returns a Source over elems.
func NewSource[T any](elems []Elem[T]) *Source[T] {
	return &Source[T]{elems: elems}
}

// Seq returns the stream. Each range starts afresh.
func (s *Source[T]) Seq() iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		s.mu.Lock()
		s.starts++
		s.mu.Unlock()
		defer func() {
			s.mu.Lock()
			s.cleanups++
			s.mu.Unlock()
		}()
		for _, e := range s.elems {
			s.mu.Lock()
			s.produced++
			s.mu.Unlock()
			if !yield(e.V, e.Err) {
				return
			}
		}
	}
}

// Stats reports how many ranges started the source, how many cleanups ran
// and how many elements it produced in all.
func (s *Source[T]) Stats() (starts, cleanups, produced int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.starts, s.cleanups, s.produced
}

// Option changes what [Check] compares.
type Option func(*options)

type options struct {
	unordered bool
	cmpOpts   []cmp.Option
	custom    bool // CmpOptions was given: Check compares the elements
}

// Unordered makes Check compare runs as multisets: for operators that
// deliver in completion order.
func Unordered() Option { return func(o *options) { o.unordered = true } }

// CmpOptions passes options to cmp.Diff when values are compared.
func CmpOptions(opts ...cmp.Option) Option {
	return func(o *options) { o.cmpOpts, o.custom = append(o.cmpOpts, opts...), true }
}

// errorsEqual compares errors by identity, then by message, so that errors
// an operator builds afresh on each run (wrapped, or a context's cause)
// compare equal across runs.
var errorsEqual = cmp.Comparer(func(a, b error) bool {
	return a == b || (a != nil && b != nil && a.Error() == b.Error())
})

// Collect ranges s to the end and returns its elements.
func Collect[T any](s iter.Seq2[T, error]) []Elem[T] {
	var out []Elem[T]
	for v, err := range s {
		out = append(out, Elem[T]{V: v, Err: err})
	}
	return out
}

// Check builds op over a [Source] of input, checks it with
// [seqtest.TestStream] (with [seqtest.Reiterable]: a break after every
// element, a panic of the loop body, two ranges of one stream) and adds:
//
//   - building the stream does not start the source;
//   - when a range over the stream returns, normally or by a panic, every
//     range of the source it started has been cleaned up exactly once;
//   - every error element of the full run is (zero, err).
//
// With [Unordered] or [CmpOptions], TestStream sees only how many elements
// each range yields, and Check compares them itself: every range yields a
// prefix (a sub-multiset with Unordered) of the full run.
//
// It returns the elements of the full run for the caller to compare with
// its model.
func Check[T, U any](t testing.TB, input []Elem[T], op func(iter.Seq2[T, error]) iter.Seq2[U, error], opts ...Option) []Elem[U] {
	t.Helper()
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	cmpOpts := append([]cmp.Option{errorsEqual}, o.cmpOpts...)
	masked := o.unordered || o.custom

	src := NewSource(input)
	s := op(src.Seq())
	if starts, _, _ := src.Stats(); starts != 0 {
		t.Fatalf("building the stream started the source %d times, want 0", starts)
	}
	full := Collect(s)
	if starts, cleanups, _ := src.Stats(); starts != cleanups {
		t.Fatalf("after a full range: source started %d times, cleaned up %d times", starts, cleanups)
	}
	for i, e := range full {
		if e.Err != nil && !reflect.ValueOf(&e.V).Elem().IsZero() {
			t.Fatalf("element %d is (%v, %v); want an error element to be (zero, err)", i, e.V, e.Err)
		}
	}

	var (
		mu       sync.Mutex
		problems []string
	)
	problem := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(problems) < 5 {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	mk := func(context.Context) iter.Seq2[U, error] {
		before, _, _ := src.Stats()
		s := op(src.Seq())
		if starts, _, _ := src.Stats(); starts != before {
			problem("building the stream started the source %d times, want 0", starts-before)
		}
		return func(yield func(U, error) bool) {
			defer func() {
				if starts, cleanups, _ := src.Stats(); starts != cleanups {
					problem("when a range returned: source started %d times, cleaned up %d times", starts, cleanups)
				}
			}()
			if !masked {
				s(yield)
				return
			}
			var got []Elem[U]
			defer func() {
				mu.Lock()
				defer mu.Unlock()
				if d := compareRun(got, full, o.unordered, cmpOpts); d != "" && len(problems) < 5 {
					problems = append(problems, d)
				}
			}()
			var zero U
			s(func(v U, err error) bool {
				mu.Lock()
				got = append(got, Elem[U]{V: v, Err: err})
				mu.Unlock()
				return yield(zero, nil)
			})
		}
	}
	err := seqtest.TestStream(mk, seqtest.Reiterable())
	mu.Lock()
	defer mu.Unlock()
	if err != nil {
		problems = append(problems, err.Error())
	}
	if len(problems) > 0 {
		t.Fatalf("%s", strings.Join(problems, "\n"))
	}
	return full
}

// compareRun describes how the elements of one range, got, fail to be a
// prefix of the full run (a sub-multiset when unordered), or returns "".
func compareRun[U any](got, full []Elem[U], unordered bool, opts []cmp.Option) string {
	if unordered {
		if missing := notIn(got, full, opts); missing != "" {
			return fmt.Sprintf("a range got element %s that the full run does not have", missing)
		}
		return ""
	}
	if len(got) > len(full) {
		return fmt.Sprintf("a range got %d elements, the full run %d", len(got), len(full))
	}
	if diff := cmp.Diff(full[:len(got)], got, opts...); diff != "" {
		return fmt.Sprintf("a range's elements differ from the full run's prefix (-full +got):\n%s", diff)
	}
	return ""
}

// notIn reports an element of sub that full does not hold as often, or "".
func notIn[U any](sub, full []Elem[U], opts []cmp.Option) string {
	used := make([]bool, len(full))
next:
	for _, e := range sub {
		for i, f := range full {
			if !used[i] && cmp.Equal(e, f, opts...) {
				used[i] = true
				continue next
			}
		}
		return e.String()
	}
	return ""
}
