package agen_test

import (
	"context"
	"iter"
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/itergen/itergen/agen"
)

// abandonNew starts a generator and drops it without closing it. f's
// deferred call closes cleaned.
//
//go:noinline
func abandonNew(cleaned chan<- struct{}) {
	g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
		defer close(cleaned)
		for {
			if _, err := yield(1); err != nil {
				return err
			}
		}
	})
	g.Next()
}

// abandonPull is abandonNew for a generator made by Pull.
//
//go:noinline
func abandonPull(cleaned chan<- struct{}) {
	var s iter.Seq2[int, error] = func(yield func(int, error) bool) {
		defer close(cleaned)
		for yield(1, nil) {
		}
	}
	g := agen.Pull(s)
	g.Next()
}

// place copies the handle *src into *dst, as a program does that stores a
// Generator by value. It copies through reflect so that go vet, which
// rightly reports such a copy, does not reject this test.
func place[T, S any](dst, src *agen.Generator[T, S]) {
	reflect.ValueOf(dst).Elem().Set(reflect.ValueOf(src).Elem())
}

// cleanupFunc is a generator function that yields 1 for ever and closes
// cleaned from a deferred call.
func cleanupFunc(cleaned chan<- struct{}) agen.Func[int, int] {
	return func(ctx context.Context, yield func(int) (int, error)) error {
		defer close(cleaned)
		for {
			if _, err := yield(1); err != nil {
				return err
			}
		}
	}
}

// holder keeps a Generator by value after another field, where the
// runtime cannot attach a finalizer to it.
type holder struct {
	n int
	g agen.Generator[int, int]
}

// abandonField starts a generator held in a struct field and drops it.
//
//go:noinline
func abandonField(cleaned chan<- struct{}) {
	h := &holder{n: 1}
	place(&h.g, agen.New(context.Background(), cleanupFunc(cleaned)))
	h.g.Next()
}

// abandonElem starts a generator held in a slice element and drops it.
//
//go:noinline
func abandonElem(cleaned chan<- struct{}) {
	gs := make([]agen.Generator[int, int], 3)
	place(&gs[1], agen.New(context.Background(), cleanupFunc(cleaned)))
	gs[1].Next()
}

// awaitCleanup collects garbage until cleaned is closed, for a bounded time,
// and reports whether it was.
func awaitCleanup(cleaned <-chan struct{}) bool {
	// Cleanups run after a collection finds the handle unreachable, on a
	// goroutine of their own.
	for range 500 {
		runtime.GC()
		select {
		case <-cleaned:
			return true
		case <-time.After(10 * time.Millisecond):
		}
	}
	return false
}

// TestCleanup checks that a started generator that becomes unreachable
// without Close is closed by a runtime cleanup, which runs f's deferred calls,
// wherever its handle was kept.
func TestCleanup(t *testing.T) {
	tests := []struct {
		name    string
		abandon func(cleaned chan<- struct{})
	}{
		{"New", abandonNew},
		{"Pull", abandonPull},
		{"struct field", abandonField},
		{"slice element", abandonElem},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cleaned := make(chan struct{})
			tt.abandon(cleaned)
			if !awaitCleanup(cleaned) {
				t.Fatal("f's deferred call did not run after the generator became unreachable")
			}
		})
	}
}

// copyAndDrop starts a generator and returns a copy of its handle; the
// original becomes unreachable.
//
//go:noinline
func copyAndDrop(cleaned chan<- struct{}) *agen.Generator[int, int] {
	g := agen.New(context.Background(), cleanupFunc(cleaned))
	g.Next()
	h := new(agen.Generator[int, int])
	place(h, g)
	return h
}

// TestCleanupKeepsCopies checks that the runtime cleanup leaves a generator
// alone while a copy of its handle is in use, though the original handle
// is unreachable. Copying is a mistake that go vet reports, but it must not
// close the generator under the copy's feet.
func TestCleanupKeepsCopies(t *testing.T) {
	copyCleaned := make(chan struct{})
	h := copyAndDrop(copyCleaned)
	// A generator abandoned at the same time shows when cleanups have run.
	cleaned := make(chan struct{})
	abandonNew(cleaned)
	if !awaitCleanup(cleaned) {
		t.Fatal("the abandoned generator was not cleaned up")
	}
	for range 3 {
		runtime.GC()
	}
	select {
	case <-copyCleaned:
		t.Fatal("the generator was closed while a copy of its handle was reachable")
	default:
	}
	if v, err := h.Next(); v != 1 || err != nil {
		t.Errorf("Next() on the copy = %v, %v, want 1, <nil>", v, err)
	}
	if err := h.Close(); err != nil {
		t.Errorf("Close() on the copy = %v, want <nil>", err)
	}
	select {
	case <-copyCleaned:
	default:
		t.Error("Close on the copy did not run f's deferred call")
	}
}
