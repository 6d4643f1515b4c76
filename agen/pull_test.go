package agen_test

import (
	"errors"
	"iter"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/itergen/itergen/agen"
)

// stream returns a stream of the given elements (an element with a non-nil
// Err is an error element) and a pointer to the number of times its deferred
// cleanup ran.
func stream(elems ...result) (iter.Seq2[int, error], *int) {
	cleanups := new(int)
	return func(yield func(int, error) bool) {
		defer func() { *cleanups++ }()
		for _, e := range elems {
			if !yield(e.V, e.Err) {
				return
			}
		}
	}, cleanups
}

// TestPull checks that Next returns each element as it is, then ErrDone.
func TestPull(t *testing.T) {
	elems := []result{{1, nil}, {0, errBoom}, {2, nil}, {0, errOther}}
	s, cleanups := stream(elems...)
	g := agen.Pull(s)
	var got []result
	for {
		v, err := g.Next()
		if err == agen.ErrDone {
			break
		}
		got = append(got, result{v, err})
	}
	if diff := cmp.Diff(elems, got, equateErrors); diff != "" {
		t.Errorf("Next() returned (-want +got):\n%s", diff)
	}
	if *cleanups != 1 {
		t.Errorf("stream cleanup ran %d times, want 1", *cleanups)
	}
	if v, err := g.Next(); v != 0 || err != agen.ErrDone {
		t.Errorf("Next() after the end = %v, %v, want 0, ErrDone", v, err)
	}
	if err := g.Close(); err != nil {
		t.Errorf("Close() after the end = %v, want nil", err)
	}
}

func TestPullSend(t *testing.T) {
	s, _ := stream(result{1, nil}, result{2, nil})
	g := agen.Pull(s)
	defer g.Close()
	if _, err := g.Send(struct{}{}); err != agen.ErrNotStarted {
		t.Errorf("Send on a fresh generator = _, %v, want ErrNotStarted", err)
	}
	if v, err := g.Next(); v != 1 || err != nil {
		t.Errorf("Next() = %v, %v, want 1, nil", v, err)
	}
	if v, err := g.Send(struct{}{}); v != 2 || err != nil {
		t.Errorf("Send() = %v, %v, want 2, nil", v, err)
	}
}

// TestPullThrow checks that Throw stops a stream, which cannot catch.
func TestPullThrow(t *testing.T) {
	s, cleanups := stream(result{1, nil}, result{2, nil})
	g := agen.Pull(s)
	if v, err := g.Next(); v != 1 || err != nil {
		t.Fatalf("Next() = %v, %v, want 1, nil", v, err)
	}
	if v, err := g.Throw(errReject); v != 0 || err != errReject {
		t.Errorf("Throw(errReject) = %v, %v, want 0, errReject", v, err)
	}
	if *cleanups != 1 {
		t.Errorf("stream cleanup ran %d times, want 1", *cleanups)
	}
	if v, err := g.Next(); v != 0 || err != agen.ErrDone {
		t.Errorf("Next() after Throw = %v, %v, want 0, ErrDone", v, err)
	}
}

func TestPullThrowUnstarted(t *testing.T) {
	s, cleanups := stream(result{1, nil})
	g := agen.Pull(s)
	if v, err := g.Throw(errReject); v != 0 || err != errReject {
		t.Errorf("Throw(errReject) = %v, %v, want 0, errReject", v, err)
	}
	if *cleanups != 0 {
		t.Errorf("Throw on a fresh generator ran the stream")
	}
	if v, err := g.Next(); v != 0 || err != agen.ErrDone {
		t.Errorf("Next() after Throw = %v, %v, want 0, ErrDone", v, err)
	}
}

// TestPullClose checks that Close stops the stream.
func TestPullClose(t *testing.T) {
	s, cleanups := stream(result{1, nil}, result{2, nil})
	g := agen.Pull(s)
	g.Next()
	if err := g.Close(); err != nil {
		t.Errorf("Close() = %v, want nil", err)
	}
	if *cleanups != 1 {
		t.Errorf("stream cleanup ran %d times, want 1", *cleanups)
	}
	if err := g.Close(); err != nil {
		t.Errorf("second Close() = %v, want nil", err)
	}
}

// stubborn is a stream that ignores the consumer's wish to stop.
func stubborn(yield func(int, error) bool) {
	for i := range 3 {
		yield(i, nil)
	}
}

// TestPullIgnoredClose checks a stream that calls yield after being told to
// stop.
func TestPullIgnoredClose(t *testing.T) {
	g := agen.Pull(stubborn)
	g.Next()
	if err := g.Close(); err != agen.ErrIgnoredClose {
		t.Errorf("Close() = %v, want ErrIgnoredClose", err)
	}
	if _, err := g.Next(); err != agen.ErrDone {
		t.Errorf("Next() after Close = _, %v, want ErrDone", err)
	}

	g = agen.Pull(stubborn)
	g.Next()
	if _, err := g.Throw(errReject); !errors.Is(err, errReject) || !errors.Is(err, agen.ErrIgnoredClose) {
		t.Errorf("Throw(errReject) = _, %v, want an error matching errReject and ErrIgnoredClose", err)
	}
}

func TestPullPanic(t *testing.T) {
	want := &boomValue{2}
	g := agen.Pull(func(yield func(int, error) bool) {
		yield(1, nil)
		panic(want)
	})
	g.Next()
	if p := panicValue(func() { g.Next() }); p != want {
		t.Errorf("Next() panicked with %#v, want %#v", p, want)
	}
	if _, err := g.Next(); err != agen.ErrDone {
		t.Errorf("Next() after the panic = _, %v, want ErrDone", err)
	}
}

func TestPullAll(t *testing.T) {
	elems := []result{{1, nil}, {0, errBoom}, {2, nil}}
	s, _ := stream(elems...)
	g := agen.Pull(s)
	defer g.Close()
	var got []result
	for v, err := range g.All() {
		got = append(got, result{v, err})
	}
	if diff := cmp.Diff(elems, got, equateErrors); diff != "" {
		t.Errorf("All() yielded (-want +got):\n%s", diff)
	}
}
