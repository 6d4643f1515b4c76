// Package streamtest is the contract harness shared by the tests of seq and
// collect: an instrumented source and [Check], which ranges an operator with
// a break after 0, 1, … n elements and verifies, on every run, the stream
// contract stated in package seq's doc.
package streamtest

import (
	"errors"
	"fmt"
	"iter"
	"sort"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
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
}

// Unordered makes Check compare runs as multisets: for operators that
// deliver in completion order.
func Unordered() Option { return func(o *options) { o.unordered = true } }

// CmpOptions passes options to cmp.Diff when values are compared.
func CmpOptions(opts ...cmp.Option) Option {
	return func(o *options) { o.cmpOpts = append(o.cmpOpts, opts...) }
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

// Check builds op over a [Source] of input and verifies the stream contract:
//
//   - building the stream does not start the source;
//   - a full range ends with every started source range cleaned up exactly
//     once, and a second full range gives the same elements;
//   - for k = 0 … len(full)-1, a consumer that stops at element k+1 gets
//     the first k+1 elements of the full run (errors in their positions; a
//     sub-multiset with [Unordered]), yield is never called again after it
//     returned false nor after the range returned, and every source range is
//     stopped and cleaned up before the range returns.
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

	src := NewSource(input)
	s := op(src.Seq())
	if starts, _, _ := src.Stats(); starts != 0 {
		t.Fatalf("building the stream started the source %d times, want 0", starts)
	}
	checkCleanup := func(when string) {
		t.Helper()
		starts, cleanups, _ := src.Stats()
		if starts != cleanups {
			t.Fatalf("%s: source started %d times, cleaned up %d times", when, starts, cleanups)
		}
	}

	full := run(t, s, -1)
	checkCleanup("after a full range")
	second := run(t, s, -1)
	checkCleanup("after a second full range")
	if diff := diffRuns(full, second, o.unordered, cmpOpts); diff != "" {
		t.Fatalf("second range differs from the first (-first +second):\n%s", diff)
	}

	for k := 0; k < len(full); k++ {
		got := run(t, s, k)
		when := fmt.Sprintf("break after %d elements", k)
		checkCleanup(when)
		if len(got) != k+1 {
			t.Fatalf("%s: consumer got %d elements, want %d", when, len(got), k+1)
		}
		if o.unordered {
			if missing := notIn(got, full, cmpOpts); missing != "" {
				t.Fatalf("%s: got element %s that the full run does not have", when, missing)
			}
			continue
		}
		if diff := cmp.Diff(full[:k+1], got, cmpOpts...); diff != "" {
			t.Fatalf("%s: elements differ from the full run's prefix (-full +got):\n%s", when, diff)
		}
	}
	return full
}

// run calls s with a yield that returns false on call stop+1 (never when
// stop < 0), and fails the test if yield is called after it returned false
// or after s returned.
func run[U any](t testing.TB, s iter.Seq2[U, error], stop int) []Elem[U] {
	t.Helper()
	var (
		mu      sync.Mutex
		got     []Elem[U]
		stopped bool
		done    bool
		misuse  string
	)
	s(func(v U, err error) bool {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case done:
			misuse = "yield called after the range returned"
			return false
		case stopped:
			misuse = "yield called again after it returned false"
			return false
		}
		got = append(got, Elem[U]{V: v, Err: err})
		if stop >= 0 && len(got) == stop+1 {
			stopped = true
			return false
		}
		return true
	})
	mu.Lock()
	defer mu.Unlock()
	done = true
	if misuse != "" {
		t.Fatalf("break after %d: %s", stop, misuse)
	}
	return got
}

func diffRuns[U any](a, b []Elem[U], unordered bool, opts []cmp.Option) string {
	if unordered {
		a, b = sorted(a), sorted(b)
	}
	return cmp.Diff(a, b, opts...)
}

func sorted[U any](es []Elem[U]) []Elem[U] {
	out := append([]Elem[U](nil), es...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
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
