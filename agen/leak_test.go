package agen_test

import (
	"context"
	"iter"
	"testing"

	"go.uber.org/goleak"

	"github.com/itergen/itergen/agen"
)

// TestNoLeaks creates and closes generators of every kind, in every state,
// and checks that no goroutine is left behind.
func TestNoLeaks(t *testing.T) {
	ctx := context.Background()
	infinite := func(ctx context.Context, yield func(int) (int, error)) error {
		for {
			if _, err := yield(1); err != nil {
				return nil
			}
		}
	}
	panics := func(ctx context.Context, yield func(int) (int, error)) error {
		yield(1)
		panic("boom")
	}
	var stream iter.Seq2[int, error] = func(yield func(int, error) bool) {
		for i := 0; i < 2 && yield(i, nil); i++ {
		}
	}
	var panicStream iter.Seq2[int, error] = func(yield func(int, error) bool) {
		yield(1, nil)
		panic("boom")
	}
	drive := func(g *agen.Generator[int, int], steps int) {
		for range steps {
			panicValue(func() { g.Next() })
		}
		g.Close()
	}
	drivePull := func(g *agen.Generator[int, struct{}], steps int) {
		for range steps {
			panicValue(func() { g.Next() })
		}
		g.Close()
	}
	tests := []struct {
		name string
		run  func()
	}{
		{"New unstarted", func() { drive(agen.New(ctx, infinite), 0) }},
		{"New suspended", func() { drive(agen.New(ctx, infinite), 2) }},
		{"New finished", func() { drive(agen.New(ctx, countTo(1, nil, nil)), 3) }},
		{"New panicked", func() { drive(agen.New(ctx, panics), 3) }},
		{"New thrown", func() {
			g := agen.New(ctx, infinite)
			g.Next()
			g.Throw(errBoom)
		}},
		{"Pull unstarted", func() { drivePull(agen.Pull(stream), 0) }},
		{"Pull suspended", func() { drivePull(agen.Pull(stream), 1) }},
		{"Pull finished", func() { drivePull(agen.Pull(stream), 4) }},
		{"Pull panicked", func() { drivePull(agen.Pull(panicStream), 3) }},
		{"Seq to the end", func() {
			for range agen.Seq(ctx, countTo(3, nil, nil)) {
			}
		}},
		{"Seq break", func() {
			for range agen.Seq(ctx, infinite) {
				break
			}
		}},
		{"Seq panicked", func() {
			panicValue(func() {
				for range agen.Seq(ctx, panics) {
				}
			})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 1000 {
				tt.run()
			}
			goleak.VerifyNone(t)
		})
	}
}
