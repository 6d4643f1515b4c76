package agen_test

import (
	"context"
	"errors"
	"runtime"
	"testing"

	"github.com/itergen/itergen/agen"
)

type boomValue struct{ n int }

// TestPanic checks that a panic in f comes out of the call that resumed f,
// with the same value, and that the generator is finished.
func TestPanic(t *testing.T) {
	want := &boomValue{1}
	tests := []struct {
		name   string
		before int // Next calls before the one that panics
		resume func(g *agen.Generator[int, int])
	}{
		{"first Next", 0, func(g *agen.Generator[int, int]) { g.Next() }},
		{"later Next", 1, func(g *agen.Generator[int, int]) { g.Next() }},
		{"Send", 1, func(g *agen.Generator[int, int]) { g.Send(1) }},
		{"Throw", 1, func(g *agen.Generator[int, int]) { g.Throw(errReject) }},
		{"Close", 1, func(g *agen.Generator[int, int]) { g.Close() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cleaned := false
			g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
				defer func() { cleaned = true }()
				for range tt.before {
					yield(1)
				}
				panic(want)
			})
			for range tt.before {
				checkNext(t, g, result{1, nil})
			}
			if p := panicValue(func() { tt.resume(g) }); p != want {
				t.Errorf("%s panicked with %#v, want %#v", tt.name, p, want)
			}
			if !cleaned {
				t.Error("f's deferred call did not run")
			}
			checkDone(t, g)
		})
	}
}

// A runtime error keeps its type through the generator.
func TestPanicRuntimeError(t *testing.T) {
	g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
		var b *boomValue
		yield(b.n) // nil dereference
		return nil
	})
	p := panicValue(func() { g.Next() })
	var re runtime.Error
	if err, ok := p.(error); !ok || !errors.As(err, &re) {
		t.Errorf("Next() panicked with %#v, want a runtime.Error", p)
	}
	checkDone(t, g)
}

// A panic during the cleanup that Close triggers comes out of Close.
func TestPanicInCleanup(t *testing.T) {
	g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
		defer func() { panic("cleanup") }()
		yield(1)
		return nil
	})
	checkNext(t, g, result{1, nil})
	if p := panicValue(func() { g.Close() }); p != "cleanup" {
		t.Errorf("Close() panicked with %#v, want %q", p, "cleanup")
	}
	checkDone(t, g)
}

// TestGoexit checks that runtime.Goexit in f exits the goroutine that
// resumed it, and that the generator is finished.
func TestGoexit(t *testing.T) {
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			started := false
			g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
				started = true
				yield(1)
				runtime.Goexit()
				return nil
			})
			checkNext(t, g, result{1, nil})
			done := make(chan struct{})
			returned := false
			go func() {
				defer close(done)
				c.call(g)
				returned = true
			}()
			<-done
			if !started {
				t.Fatal("f did not run")
			}
			if returned {
				t.Errorf("%s returned; want it to exit its goroutine", c.name)
			}
			checkDone(t, g)
		})
	}
}
