package agen_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"go.uber.org/goleak"

	"github.com/itergen/itergen/agen"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

var (
	errBoom   = errors.New("boom")
	errOther  = errors.New("other")
	errReject = errors.New("rejected")
)

// result is what one call on a generator returned.
type result struct {
	V   int
	Err error
}

// received is what one yield returned inside a generator's function.
type received struct {
	S   int
	Err error
}

var equateErrors = cmpopts.EquateErrors()

// countTo returns a generator function that yields 1, 2, …, n and returns
// end. It records what each yield returned in *got.
func countTo(n int, end error, got *[]received) agen.Func[int, int] {
	return func(ctx context.Context, yield func(int) (int, error)) error {
		for i := 1; i <= n; i++ {
			s, err := yield(i)
			if got != nil {
				*got = append(*got, received{s, err})
			}
			if err != nil {
				return err
			}
		}
		return end
	}
}

// echo yields 0 first, then each value sent to it plus one; Next counts
// as sending 0. It returns nil when closed and a thrown error as is.
func echo(ctx context.Context, yield func(int) (int, error)) error {
	v := 0
	for {
		s, err := yield(v)
		if errors.Is(err, agen.ErrClosed) {
			return nil
		}
		if err != nil {
			return err
		}
		v = s + 1
	}
}

// checkNext calls g.Next and reports a mismatch.
func checkNext(t *testing.T, g *agen.Generator[int, int], want result) {
	t.Helper()
	v, err := g.Next()
	if diff := cmp.Diff(want, result{v, err}, equateErrors); diff != "" {
		t.Errorf("Next() = %v, %v, want %v, %v", v, err, want.V, want.Err)
	}
}

// checkDone checks that every call on a finished generator reports it.
func checkDone(t *testing.T, g *agen.Generator[int, int]) {
	t.Helper()
	for range 2 {
		if v, err := g.Next(); v != 0 || err != agen.ErrDone {
			t.Errorf("Next() = %v, %v, want 0, ErrDone", v, err)
		}
		if v, err := g.Send(7); v != 0 || err != agen.ErrDone {
			t.Errorf("Send(7) = %v, %v, want 0, ErrDone", v, err)
		}
		if v, err := g.Throw(errOther); v != 0 || err != agen.ErrDone {
			t.Errorf("Throw(errOther) = %v, %v, want 0, ErrDone", v, err)
		}
		if err := g.Close(); err != nil {
			t.Errorf("Close() = %v, want nil", err)
		}
	}
}

// TestNewStartsOnFirstNext checks that New does not call f; the first Next
// does, with New's ctx.
func TestNewStartsOnFirstNext(t *testing.T) {
	type key struct{}
	ctx := context.WithValue(context.Background(), key{}, "given")
	calls := 0
	var gotCtx context.Context
	g := agen.New(ctx, func(ctx context.Context, yield func(int) (int, error)) error {
		calls++
		gotCtx = ctx
		yield(1)
		return nil
	})
	defer g.Close()
	if calls != 0 {
		t.Fatalf("New called f %d times, want 0", calls)
	}
	checkNext(t, g, result{1, nil})
	if calls != 1 {
		t.Errorf("after Next, f was called %d times, want 1", calls)
	}
	if gotCtx != ctx {
		t.Errorf("f got ctx %v, want the ctx given to New", gotCtx)
	}
}

// TestEnd checks how the end of f reaches the consumer.
func TestEnd(t *testing.T) {
	tests := []struct {
		name string
		end  error
		want error // what the call after the last value returns
	}{
		{"nil", nil, agen.ErrDone},
		{"error", errBoom, errBoom},
		{"wrapped error", fmt.Errorf("read: %w", errBoom), errBoom},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := agen.New(context.Background(), countTo(2, tt.end, nil))
			checkNext(t, g, result{1, nil})
			checkNext(t, g, result{2, nil})
			checkNext(t, g, result{0, tt.want})
			checkDone(t, g)
		})
	}
}

// TestEndWithErrDone checks that an ErrDone escaping f does not end the
// consumer silently, whichever call resumed f (PEP 479).
func TestEndWithErrDone(t *testing.T) {
	wrapped := fmt.Errorf("inner: %w", agen.ErrDone)
	tests := []struct {
		name   string
		end    error
		resume func(g *agen.Generator[int, int]) error
	}{
		{"Next", agen.ErrDone, func(g *agen.Generator[int, int]) error { _, err := g.Next(); return err }},
		{"Next/wrapped", wrapped, func(g *agen.Generator[int, int]) error { _, err := g.Next(); return err }},
		{"Send", agen.ErrDone, func(g *agen.Generator[int, int]) error { _, err := g.Send(1); return err }},
		{"Throw", agen.ErrDone, func(g *agen.Generator[int, int]) error { _, err := g.Throw(errOther); return err }},
		{"Close", agen.ErrDone, func(g *agen.Generator[int, int]) error { return g.Close() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
				yield(1)
				return tt.end
			})
			checkNext(t, g, result{1, nil})
			err := tt.resume(g)
			if err == nil || errors.Is(err, agen.ErrDone) {
				t.Fatalf("resuming call returned %v, want an error not matching ErrDone", err)
			}
			if !strings.Contains(err.Error(), "ErrDone") {
				t.Errorf("error %q does not name the mistake (returning ErrDone)", err)
			}
			checkDone(t, g)
		})
	}
}

// TestEndWithInnerErrDone is TestEndWithErrDone as it happens in practice:
// f passes on the end of an inner generator instead of returning nil.
func TestEndWithInnerErrDone(t *testing.T) {
	inner := agen.New(context.Background(), countTo(1, nil, nil))
	outer := agen.New(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
		for {
			v, err := inner.Next()
			if err != nil {
				return err // the mistake: should be `if err == agen.ErrDone { return nil }`
			}
			yield(v * 10)
		}
	})
	checkNext(t, outer, result{10, nil})
	if _, err := outer.Next(); err == nil || errors.Is(err, agen.ErrDone) {
		t.Errorf("Next() = _, %v, want an error not matching ErrDone", err)
	}
	checkDone(t, outer)
}

// TestSend checks Send before and after the start.
func TestSend(t *testing.T) {
	g := agen.New(context.Background(), echo)
	defer g.Close()
	if v, err := g.Send(5); v != 0 || err != agen.ErrNotStarted {
		t.Fatalf("Send(5) on a fresh generator = %v, %v, want 0, ErrNotStarted", v, err)
	}
	// Still unstarted: Next starts it normally.
	checkNext(t, g, result{0, nil})
	for _, s := range []int{5, 10, -1} {
		if v, err := g.Send(s); v != s+1 || err != nil {
			t.Errorf("Send(%d) = %v, %v, want %v, nil", s, v, err, s+1)
		}
	}
	checkNext(t, g, result{1, nil})
}

// TestYieldReceives checks what yield returns for each kind of call.
func TestYieldReceives(t *testing.T) {
	var got []received
	g := agen.New(context.Background(), countTo(5, nil, &got))
	checkNext(t, g, result{1, nil})
	checkNext(t, g, result{2, nil})
	if v, err := g.Send(42); v != 3 || err != nil {
		t.Errorf("Send(42) = %v, %v, want 3, nil", v, err)
	}
	if err := g.Close(); err != nil {
		t.Errorf("Close() = %v, want nil", err)
	}
	want := []received{{0, nil}, {42, nil}, {0, agen.ErrClosed}}
	if diff := cmp.Diff(want, got, equateErrors); diff != "" {
		t.Errorf("yield returned (-want +got):\n%s", diff)
	}
}

// TestAll checks All, and that breaking out leaves the generator suspended.
func TestAll(t *testing.T) {
	g := agen.New(context.Background(), countTo(5, errBoom, nil))
	defer g.Close()
	var got []result
	for v, err := range g.All() {
		got = append(got, result{v, err})
		if v == 2 {
			break
		}
	}
	// Suspended, not closed: Next resumes where the loop stopped.
	checkNext(t, g, result{3, nil})
	for v, err := range g.All() {
		got = append(got, result{v, err})
	}
	want := []result{{1, nil}, {2, nil}, {4, nil}, {5, nil}, {0, errBoom}}
	if diff := cmp.Diff(want, got, equateErrors); diff != "" {
		t.Errorf("All() yielded (-want +got):\n%s", diff)
	}
	for v, err := range g.All() {
		t.Errorf("All() on a finished generator yielded %v, %v", v, err)
	}
}

func TestAllEmpty(t *testing.T) {
	g := agen.New(context.Background(), countTo(0, nil, nil))
	for v, err := range g.All() {
		t.Errorf("All() yielded %v, %v, want nothing", v, err)
	}
}

// panicValue calls f and returns what it panicked with, or nil.
func panicValue(f func()) (p any) {
	defer func() { p = recover() }()
	f()
	return nil
}

func TestBadArguments(t *testing.T) {
	ctx := context.Background()
	var nilCtx context.Context
	tests := []struct {
		name   string
		call   func()
		prefix string
	}{
		{"New nil ctx", func() { agen.New(nilCtx, echo) }, "agen.New: "},
		{"New nil f", func() { agen.New[int, int](ctx, nil) }, "agen.New: "},
		{"Seq nil ctx", func() { agen.Seq(nilCtx, echo) }, "agen.Seq: "},
		{"Seq nil f", func() { agen.Seq[int, int](ctx, nil) }, "agen.Seq: "},
		{"Pull nil stream", func() { agen.Pull[int](nil) }, "agen.Pull: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := panicValue(tt.call)
			if s, ok := p.(string); !ok || !strings.HasPrefix(s, tt.prefix) {
				t.Errorf("panicked with %#v, want a string starting with %q", p, tt.prefix)
			}
		})
	}
}

// TestZeroGenerator checks that every method of the zero Generator panics
// with a message naming the method, not with a nil dereference.
func TestZeroGenerator(t *testing.T) {
	tests := []struct {
		name   string
		call   func(g *agen.Generator[int, int])
		prefix string
	}{
		{"Next", func(g *agen.Generator[int, int]) { g.Next() }, "agen.Next: zero Generator"},
		{"Send", func(g *agen.Generator[int, int]) { g.Send(1) }, "agen.Send: zero Generator"},
		{"Throw", func(g *agen.Generator[int, int]) { g.Throw(errBoom) }, "agen.Throw: zero Generator"},
		{"Throw nil", func(g *agen.Generator[int, int]) { g.Throw(nil) }, "agen.Throw: zero Generator"},
		{"Close", func(g *agen.Generator[int, int]) { g.Close() }, "agen.Close: zero Generator"},
		{"All", func(g *agen.Generator[int, int]) { g.All() }, "agen.All: zero Generator"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var g agen.Generator[int, int]
			p := panicValue(func() { tt.call(&g) })
			if s, ok := p.(string); !ok || !strings.HasPrefix(s, tt.prefix) {
				t.Errorf("%s on the zero Generator panicked with %#v, want a string starting with %q", tt.name, p, tt.prefix)
			}
		})
	}
}

// TestStepAllocs checks that a step allocates nothing; BenchmarkStep
// measures its speed.
func TestStepAllocs(t *testing.T) {
	g := agen.New(context.Background(), echo)
	defer g.Close()
	g.Next()
	if n := testing.AllocsPerRun(1000, func() { g.Next() }); n != 0 {
		t.Errorf("Next allocates %v times per step, want 0", n)
	}
	if n := testing.AllocsPerRun(1000, func() { g.Send(1) }); n != 0 {
		t.Errorf("Send allocates %v times per step, want 0", n)
	}
}
