package seq_test

import (
	"context"
	"errors"
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/itergen/itergen/seq"
)

func TestConcurrentBreak(t *testing.T) {
	for _, o := range concOps() {
		for _, k := range []int{1, 4, 100} {
			u, g := &concUp{at: -1}, &concGauge{}
			got, p, _ := concRun(o.build(context.Background(), u.seq(), concIdentity(g, -1, false)), k, nil)
			if p != nil || len(got) != k {
				t.Errorf("%s: break after %d: got %d elements and panic %v", o.name, k, len(got), p)
			}
			if o.ordered {
				if diff := cmp.Diff(concValues(k), got, concErrorsEqual); diff != "" {
					t.Errorf("%s: break after %d (-want +got):\n%s", o.name, k, diff)
				}
			}
			concAfterRange(t, o.name, u, g)
		}
	}
}

func TestConcurrentCancel(t *testing.T) {
	for _, o := range concOps() {
		cause := errors.New("cancelled by the test")
		ctx, cancel := context.WithCancelCause(context.Background())
		u, g := &concUp{at: -1}, &concGauge{}
		got, p, _ := concRun(o.build(ctx, u.seq(), concIdentity(g, -1, false)), -1, func(k int) {
			if k == 3 {
				cancel(cause)
			}
		})
		cancel(nil)
		if p != nil || len(got) != 5 || got[4].Err != cause {
			t.Errorf("%s: cancel at element 3: got %v and panic %v, want 4 values and the cause", o.name, got, p)
		}
		if o.ordered && len(got) == 5 {
			if diff := cmp.Diff(concValues(4), got[:4], concErrorsEqual); diff != "" {
				t.Errorf("%s: cancel at element 3 (-want +got):\n%s", o.name, diff)
			}
		}
		concAfterRange(t, o.name, u, g)
	}
}

// concCheckPanic checks a panic value that came out of an operator: a
// *seq.PanicError holding want whose stack names fn, or want itself from
// an operator that runs on the consumer's goroutine.
func concCheckPanic(t *testing.T, o concOp, p any, want, fn string) {
	t.Helper()
	if o.sync {
		if p != want {
			t.Errorf("%s: panicked with %#v, want %q", o.name, p, want)
		}
		return
	}
	pe, ok := p.(*seq.PanicError)
	if !ok {
		t.Errorf("%s: panicked with %#v, want a *seq.PanicError", o.name, p)
		return
	}
	if pe.Value != want {
		t.Errorf("%s: PanicError.Value = %#v, want %q", o.name, pe.Value, want)
	}
	if !concStackHas(pe, fn) {
		t.Errorf("%s: the stack of the PanicError does not name %s:\n%s", o.name, fn, pe.Stack)
	}
}

func TestConcurrentPanic(t *testing.T) {
	for _, o := range concOps() {
		for _, inF := range []bool{false, true} {
			if inF && !o.usesF {
				continue
			}
			name, fn, want := o.name+" upstream", "concUpstreamPanics", "upstream boom"
			u, g := &concUp{at: 5}, &concGauge{}
			f := concIdentity(g, -1, false)
			if inF {
				name, fn, want = o.name+" f", "concFPanics", "f boom"
				u.at, f = -1, concIdentity(g, 5, false)
			}
			got, p, _ := concRun(o.build(context.Background(), u.seq(), f), -1, nil)
			concCheckPanic(t, o, p, want, fn)
			if o.ordered {
				if diff := cmp.Diff(concValues(5), got, concErrorsEqual); diff != "" {
					t.Errorf("%s: elements before the panic (-want +got):\n%s", name, diff)
				}
			}
			concAfterRange(t, name, u, g)
		}
	}
}

func TestConcurrentGoexit(t *testing.T) {
	for _, o := range concOps() {
		for _, inF := range []bool{false, true} {
			if inF && !o.usesF {
				continue
			}
			name := o.name + " upstream"
			u, g := &concUp{at: 5, exit: true}, &concGauge{}
			f := concIdentity(g, -1, false)
			if inF {
				name = o.name + " f"
				u.at, f = -1, concIdentity(g, 5, true)
			}
			got, p, exited := concRun(o.build(context.Background(), u.seq(), f), -1, nil)
			if !exited || p != nil {
				t.Errorf("%s: Goexit came out as exited=%v, panic %v; want runtime.Goexit", name, exited, p)
			}
			if o.ordered {
				if diff := cmp.Diff(concValues(5), got, concErrorsEqual); diff != "" {
					t.Errorf("%s: elements before the Goexit (-want +got):\n%s", name, diff)
				}
			}
			concAfterRange(t, name, u, g)
		}
	}
}

// TestConcurrentPanicInCleanup checks that an upstream that panics in its
// cleanup after the consumer stopped makes the range statement panic.
func TestConcurrentPanicInCleanup(t *testing.T) {
	for _, o := range concOps() {
		u, g := &concUp{at: -1, cleanupPanic: true}, &concGauge{}
		got, p, _ := concRun(o.build(context.Background(), u.seq(), concIdentity(g, -1, false)), 2, nil)
		if len(got) != 2 {
			t.Errorf("%s: got %d elements, want 2", o.name, len(got))
		}
		concCheckPanic(t, o, p, "cleanup boom", "concUpstreamPanics")
		concAfterRange(t, o.name, u, g)
	}
}

// TestConcurrentBodyPanicWins checks that a panicking loop body keeps its
// panic when the cleanup of the operator meets another one.
func TestConcurrentBodyPanicWins(t *testing.T) {
	for _, o := range concOps() {
		if o.sync { // nothing of its own to clean up: plain Go unwinding
			continue
		}
		u, g := &concUp{at: -1, cleanupPanic: true}, &concGauge{}
		_, p, _ := concRun(o.build(context.Background(), u.seq(), concIdentity(g, -1, false)), -1, func(k int) {
			if k == 2 {
				panic("body boom")
			}
		})
		if p != "body boom" {
			t.Errorf("%s: loop body panic came out as %#v, want %q", o.name, p, "body boom")
		}
		concAfterRange(t, o.name, u, g)
	}
}

// TestConcurrentBodyGoexit checks that a loop body that calls
// runtime.Goexit (t.FailNow, say) still stops everything.
func TestConcurrentBodyGoexit(t *testing.T) {
	for _, o := range concOps() {
		u, g := &concUp{at: -1}, &concGauge{}
		got, p, exited := concRun(o.build(context.Background(), u.seq(), concIdentity(g, -1, false)), -1, func(k int) {
			if k == 2 {
				runtime.Goexit()
			}
		})
		if !exited || p != nil || len(got) != 3 {
			t.Errorf("%s: loop body Goexit came out as exited=%v, panic %v after %d elements", o.name, exited, p, len(got))
		}
		concAfterRange(t, o.name, u, g)
	}
}

// TestConcurrentPanicBeyondBreakDropped checks that a failure at a
// position the consumer never reached is dropped, as it would be without
// the goroutines.
func TestConcurrentPanicBeyondBreakDropped(t *testing.T) {
	for _, o := range concOps() {
		if !o.ordered {
			continue
		}
		u, g := &concUp{at: 3}, &concGauge{}
		got, p, _ := concRun(o.build(context.Background(), u.seq(), concIdentity(g, -1, false)), 2, nil)
		if p != nil || len(got) != 2 {
			t.Errorf("%s: break before the panic: got %v and panic %v, want 2 elements", o.name, got, p)
		}
		concAfterRange(t, o.name, u, g)
	}
}

// TestPanicErrorPassedOn checks that a *seq.PanicError that crosses two
// concurrent operators is not wrapped twice, and that Unwrap reaches an
// error value.
func TestPanicErrorPassedOn(t *testing.T) {
	errBoom := errors.New("boom")
	f := func(_ context.Context, v int) (int, error) {
		if v == 2 {
			panic(errBoom)
		}
		return v, nil
	}
	ctx := context.Background()
	s := seq.Buffer(ctx, seq.MapConcurrent(ctx, concCount(0, 10), 3, f), 2)
	_, p, _ := concRun(s, -1, nil)
	pe, ok := p.(*seq.PanicError)
	if !ok {
		t.Fatalf("panicked with %#v, want a *seq.PanicError", p)
	}
	if pe.Value != errBoom {
		t.Errorf("PanicError.Value = %#v, want the error itself (wrapped once)", pe.Value)
	}
	if !errors.Is(pe, errBoom) {
		t.Errorf("errors.Is(%v, errBoom) = false, want true", pe)
	}
	var target *seq.PanicError
	if !errors.As(error(pe), &target) || target != pe {
		t.Errorf("errors.As did not find the *seq.PanicError")
	}
	goleak.VerifyNone(t)
}

// TestConcurrentNilPanicErrorValue checks that a panic whose value is a nil
// *seq.PanicError is a panic like any other: it must not turn into a
// runtime.Goexit or vanish.
func TestConcurrentNilPanicErrorValue(t *testing.T) {
	for _, o := range concOps() {
		for _, inF := range []bool{false, true} {
			if inF && !o.usesF {
				continue
			}
			name := o.name + " upstream"
			up := func(yield func(int, error) bool) {
				if yield(0, nil) {
					panic((*seq.PanicError)(nil))
				}
			}
			f := func(_ context.Context, v int) (int, error) { return v, nil }
			if inF {
				name = o.name + " f"
				up = func(yield func(int, error) bool) { yield(0, nil) }
				f = func(context.Context, int) (int, error) { panic((*seq.PanicError)(nil)) }
			}
			_, p, exited := concRun(o.build(context.Background(), up, f), -1, nil)
			if exited {
				t.Errorf("%s: panic((*seq.PanicError)(nil)) came out as runtime.Goexit", name)
				continue
			}
			pe, ok := p.(*seq.PanicError)
			switch {
			case !ok:
				t.Errorf("%s: panicked with %#v, want a *seq.PanicError", name, p)
			case o.sync && pe != nil:
				t.Errorf("%s: panicked with %#v, want the nil *seq.PanicError unchanged", name, p)
			case !o.sync && (pe == nil || pe.Value != (*seq.PanicError)(nil)):
				t.Errorf("%s: panicked with %#v, want a *seq.PanicError holding the nil one", name, p)
			}
		}
	}
	goleak.VerifyNone(t)
}

// TestConcurrentErrorDropsValue checks that a call of f that returns a
// value together with an error gives the error element (zero, err).
func TestConcurrentErrorDropsValue(t *testing.T) {
	errF := errors.New("f failed")
	for _, o := range concOps() {
		if !o.usesF {
			continue
		}
		f := func(_ context.Context, v int) (int, error) { return v + 100, errF }
		got, p, _ := concRun(o.build(context.Background(), concCount(0, 3), f), -1, nil)
		want := []concElem{{Err: errF}, {Err: errF}, {Err: errF}}
		if p != nil {
			t.Errorf("%s: panicked with %v", o.name, p)
		}
		if diff := cmp.Diff(want, got, concErrorsEqual); diff != "" {
			t.Errorf("%s: f returns (v, err) (-want +got):\n%s", o.name, diff)
		}
	}
}
