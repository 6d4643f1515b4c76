package streamtest

import (
	"context"
	"fmt"
	"iter"
	"runtime"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/itergen/itergen/seq"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// fakeTB records the first Fatalf and ends the goroutine, as testing.T does.
type fakeTB struct {
	testing.TB
	failure string
}

func (f *fakeTB) Helper() {}

func (f *fakeTB) Fatalf(format string, args ...any) {
	f.failure = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// checkFailure runs Check on a fake TB and returns its failure message.
func checkFailure(input []Elem[int], op func(iter.Seq2[int, error]) iter.Seq2[int, error], opts ...Option) string {
	tb := &fakeTB{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Check(tb, input, op, opts...)
	}()
	<-done
	return tb.failure
}

func identity(s iter.Seq2[int, error]) iter.Seq2[int, error] { return s }

func TestCheckPassesCorrectOperators(t *testing.T) {
	for _, c := range Cases() {
		t.Run(c.Name, func(t *testing.T) {
			if got := checkFailure(c.Input, identity); got != "" {
				t.Fatalf("Check(identity) failed: %s", got)
			}
			if got := checkFailure(c.Input, identity, Unordered()); got != "" {
				t.Fatalf("Check(identity, Unordered()) failed: %s", got)
			}
		})
	}
}

func TestCheckReturnsFullRun(t *testing.T) {
	in := Cases()[6].Input
	got := Check(t, in, identity)
	if len(got) != len(in) {
		t.Fatalf("Check(identity) returned %d elements, want %d", len(got), len(in))
	}
	for i := range in {
		if got[i] != in[i] {
			t.Fatalf("Check(identity)[%d] = %v, want %v", i, got[i], in[i])
		}
	}
}

func TestCheckCatchesBrokenOperators(t *testing.T) {
	in := Vals(1, 2, 3, 4)
	tests := []struct {
		name string
		op   func(iter.Seq2[int, error]) iter.Seq2[int, error]
		opts []Option
		want string
	}{
		{
			name: "yield after false",
			op: func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
				return func(yield func(int, error) bool) {
					for v, err := range s {
						yield(v, err)
					}
				}
			},
			want: "after it returned false",
		},
		{
			name: "starts the source when built",
			op: func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
				for range s {
					break
				}
				return s
			},
			want: "building the stream started the source",
		},
		{
			name: "never stops the source",
			op: func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
				return func(yield func(int, error) bool) {
					next, stop := iter.Pull2(s)
					// The bug under test: the source's cleanup does not run
					// before the range returns. Stop it later, for goleak.
					t.Cleanup(stop)
					for {
						v, err, ok := next()
						if !ok || !yield(v, err) {
							return
						}
					}
				}
			},
			want: "cleaned up",
		},
		{
			name: "second range differs",
			op: func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
				ranges := 0
				return func(yield func(int, error) bool) {
					ranges++
					for v, err := range s {
						if !yield(v*ranges, err) {
							return
						}
					}
				}
			},
			want: "second range of one stream (Reiterable)): element 0 is 2; want 1 as in the first range",
		},
		{
			name: "breaking runs reorder",
			op:   changedAfterTwoRanges(func(held []int) { held[0], held[1] = held[1], held[0] }),
			want: "element 0 is 2; want 1 as in a full range",
		},
		{
			name: "breaking runs reorder, compared with cmp",
			op:   changedAfterTwoRanges(func(held []int) { held[0], held[1] = held[1], held[0] }),
			opts: []Option{CmpOptions()},
			want: "prefix",
		},
		{
			name: "breaking runs invent an element",
			op:   changedAfterTwoRanges(func(held []int) { held[1] = -held[1] }),
			opts: []Option{Unordered()},
			want: "does not have",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := checkFailure(in, tt.op, tt.opts...)
			if !strings.Contains(got, tt.want) {
				t.Fatalf("Check failure = %q, want it to mention %q", got, tt.want)
			}
		})
	}
}

func TestCheckCatchesValueBesideError(t *testing.T) {
	in := []Elem[int]{{V: 1}, Err[int](ErrA), {V: 2}}
	op := func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			for v, err := range s {
				if err != nil {
					v = -1 // the bug under test: a value beside the error
				}
				if !yield(v, err) {
					return
				}
			}
		}
	}
	if got, want := checkFailure(in, op), "want an error element to be (zero, err)"; !strings.Contains(got, want) {
		t.Fatalf("Check failure = %q, want it to mention %q", got, want)
	}
}

// changedAfterTwoRanges returns an operator that passes values through on
// the first two ranges of all the streams it builds (Check's full runs) and
// applies change to them on later ones (the breaking runs).
func changedAfterTwoRanges(change func([]int)) func(iter.Seq2[int, error]) iter.Seq2[int, error] {
	ranges := 0
	return func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			ranges++
			var held []int
			for v := range s {
				held = append(held, v)
			}
			if ranges > 2 {
				change(held)
			}
			for _, v := range held {
				if !yield(v, nil) {
					return
				}
			}
		}
	}
}

func TestSourceCountsRanges(t *testing.T) {
	src := NewSource(Vals(1, 2, 3))
	for range src.Seq() {
		break
	}
	for range src.Seq() {
	}
	starts, cleanups, produced := src.Stats()
	if starts != 2 || cleanups != 2 || produced != 4 {
		t.Fatalf("Stats() = %d, %d, %d, want 2, 2, 4", starts, cleanups, produced)
	}
}

func (f *fakeTB) Errorf(format string, args ...any) {
	f.failure += fmt.Sprintf(format, args...) + "\n"
}

func TestCheckBadUpstream(t *testing.T) {
	type op = func(iter.Seq2[int, error]) iter.Seq2[int, error]
	// guarded calls the upstream with a yield function of its own that
	// panics when called after it returned false, unless panicMsg is "".
	guarded := func(panicMsg string) op {
		return func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				stopped := false
				s(func(v int, err error) bool {
					if stopped {
						if panicMsg != "" {
							panic(panicMsg)
						}
						return false
					}
					if !yield(v, err) {
						stopped = true
						return false
					}
					return true
				})
			}
		}
	}
	release := make(chan struct{})
	defer close(release)
	tests := []struct {
		name string
		op   op
		want string // "" when the check must pass
	}{
		{"range loop", identity, ""},
		{"range loop taking two", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				n := 0
				for v, err := range s {
					if n == 2 || !yield(v, err) {
						return
					}
					n++
				}
			}
		}, ""},
		{"own yield that panics", guarded("op: upstream called yield again after it returned false"), ""},
		{"on a goroutine", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return seq.Buffer(context.Background(), guarded("op: upstream called yield again after it returned false")(s), 1)
		}, ""},
		{"own yield that returns false again", guarded(""), "returned normally; want a panic naming the mistake"},
		{"own yield that panics with another message", guarded("oops"), `panicked with "oops"`},
		{"never returns", func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				stopped := false
				s(func(v int, err error) bool {
					if stopped {
						<-release
						return false
					}
					stopped = !yield(v, err)
					return !stopped
				})
			}
		}, "did not return within"},
	}
	defer func(d time.Duration) { badUpstreamLimit = d }(badUpstreamLimit)
	badUpstreamLimit = 100 * time.Millisecond
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := &fakeTB{}
			CheckBadUpstream(tb, tt.op)
			switch {
			case tt.want == "" && tb.failure != "":
				t.Errorf("CheckBadUpstream(%s) failed: %s", tt.name, tb.failure)
			case tt.want != "" && !strings.Contains(tb.failure, tt.want):
				t.Errorf("CheckBadUpstream(%s) failure = %q, want it to mention %q", tt.name, tb.failure, tt.want)
			}
		})
	}
}
