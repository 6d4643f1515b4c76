package agen_test

import (
	"context"
	"iter"
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

// Semantics 13: a started generator that becomes unreachable without Close
// is closed by a runtime cleanup, which runs f's deferred calls.
func TestCleanup(t *testing.T) {
	tests := []struct {
		name    string
		abandon func(cleaned chan<- struct{})
	}{
		{"New", abandonNew},
		{"Pull", abandonPull},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cleaned := make(chan struct{})
			tt.abandon(cleaned)
			// Cleanups run after a collection finds the handle
			// unreachable, on a goroutine of their own: collect until
			// f's deferred call reports, for a bounded time.
			for range 500 {
				runtime.GC()
				select {
				case <-cleaned:
					return
				case <-time.After(10 * time.Millisecond):
				}
			}
			t.Fatal("f's deferred call did not run after the generator became unreachable")
		})
	}
}
