package seq_test

import (
	"errors"
	"fmt"
	"iter"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

var errCaught = errors.New("caught")

func TestCatchContract(t *testing.T) {
	tests := []struct {
		name   string
		f      func(error) error
		handle func(error) (error, bool) // the model: the replacement, and whether the element stays
	}{
		{"drop all", func(error) error { return nil },
			func(error) (error, bool) { return nil, false }},
		{"keep all", func(err error) error { return err },
			func(err error) (error, bool) { return err, true }},
		{"drop A only", func(err error) error {
			if errors.Is(err, streamtest.ErrA) {
				return nil
			}
			return err
		}, func(err error) (error, bool) { return err, err != streamtest.ErrA }},
		{"replace", func(error) error { return errCaught },
			func(error) (error, bool) { return errCaught, true }},
	}
	for _, tt := range tests {
		op := func(s iter.Seq2[int, error]) iter.Seq2[int, error] { return seq.Catch(s, tt.f) }
		checkTransform(t, "Catch "+tt.name, op, func(in []trElem) []trElem {
			var out []trElem
			for _, e := range in {
				if e.Err == nil {
					out = append(out, e)
					continue
				}
				if err, ok := tt.handle(e.Err); ok {
					out = append(out, streamtest.Err[int](err))
				}
			}
			return out
		})
	}
}

func TestCatchReplacementKeepsTheChain(t *testing.T) {
	in := []trElem{{V: 1}, streamtest.Err[int](streamtest.ErrA), {V: 2}}
	s := seq.Catch(streamtest.NewSource(in).Seq(), func(err error) error { return fmt.Errorf("%w: %w", errCaught, err) })
	got := streamtest.Collect(s)
	if len(got) != 3 || got[0].V != 1 || got[2].V != 2 {
		t.Fatalf("Catch(%v) = %v, want 1, an error, 2", in, got)
	}
	if err := got[1].Err; !errors.Is(err, errCaught) || !errors.Is(err, streamtest.ErrA) || got[1].V != 0 {
		t.Errorf("Catch(%v) element 2 = (%v, %v), want (0, an error wrapping both %v and %v)", in, got[1].V, err, errCaught, streamtest.ErrA)
	}
}

func TestCatchCallsFOncePerErrorInOrder(t *testing.T) {
	in := []trElem{{V: 1}, streamtest.Err[int](streamtest.ErrA), streamtest.Err[int](streamtest.ErrB), {V: 2}, streamtest.Err[int](streamtest.ErrA)}
	var seen []error
	s := seq.Catch(streamtest.NewSource(in).Seq(), func(err error) error {
		seen = append(seen, err)
		return nil
	})
	got := streamtest.Collect(s)
	if diff := cmp.Diff(streamtest.Vals(1, 2), got); diff != "" {
		t.Errorf("Catch(%v, drop all) (-want +got):\n%s", in, diff)
	}
	want := []error{streamtest.ErrA, streamtest.ErrB, streamtest.ErrA}
	if !cmp.Equal(want, seen, cmp.Comparer(func(a, b error) bool { return a == b })) {
		t.Errorf("Catch(%v) called f with %v, want %v", in, seen, want)
	}
}

func TestCatchPanicInFUnwinds(t *testing.T) {
	src := streamtest.NewSource([]trElem{{V: 1}, streamtest.Err[int](streamtest.ErrA), {V: 2}})
	s := seq.Catch(src.Seq(), func(error) error { panic(errTrBoom) })
	var got []int
	v := trPanicValue(func() {
		for v, err := range s {
			if err != nil {
				t.Fatalf("Catch yielded error %v, want a panic", err)
			}
			got = append(got, v)
		}
	})
	if v != errTrBoom {
		t.Errorf("Catch with a panicking f panicked with %v, want %v", v, errTrBoom)
	}
	if starts, cleanups, _ := src.Stats(); starts != 1 || cleanups != 1 {
		t.Errorf("after the panic the source started %d times and cleaned up %d times, want 1 and 1", starts, cleanups)
	}
	if !cmp.Equal(got, []int{1}) {
		t.Errorf("values before the panic = %v, want [1]", got)
	}
}

func TestCatchAllocsPerElement(t *testing.T) {
	const size = 1000
	in := make([]trElem, size)
	for i := range in {
		if i%3 == 0 {
			in[i] = streamtest.Err[int](streamtest.ErrA)
		} else {
			in[i] = trElem{V: i}
		}
	}
	s := seq.Catch(streamtest.NewSource(in).Seq(), func(err error) error {
		if err == streamtest.ErrA {
			return nil
		}
		return err
	})
	n := 0
	allocs := testing.AllocsPerRun(20, func() {
		n = 0
		for _, err := range s {
			if err == nil {
				n++
			}
		}
	})
	if n != size-size/3-1 {
		t.Fatalf("Catch yielded %d values, want %d", n, size-size/3-1)
	}
	if allocs > 30 {
		t.Errorf("Catch over %d elements: %v allocations per range, want at most 30", size, allocs)
	}
}

func TestCatchCallTimePanics(t *testing.T) {
	var nilSeq iter.Seq2[int, error]
	keep := func(err error) error { return err }
	tests := []struct {
		name string
		call func()
		want string
	}{
		{"nil stream", func() { seq.Catch(nilSeq, keep) }, "seq.Catch: nil stream"},
		{"nil function", func() { seq.Catch(seq.Of(1), nil) }, "seq.Catch: nil function"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := trPanicValue(tt.call); got != tt.want {
				t.Errorf("Catch with a %s panicked with %v, want %q", tt.name, got, tt.want)
			}
		})
	}
}
