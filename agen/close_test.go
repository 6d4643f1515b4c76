package agen_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/itergen/itergen/agen"
)

// TestClose checks Close on a suspended generator.
func TestClose(t *testing.T) {
	tests := []struct {
		name string
		end  error // what f returns once yield reports ErrClosed
		want error
	}{
		{"returns nil", nil, nil},
		{"returns ErrClosed", agen.ErrClosed, nil},
		{"returns wrapped ErrClosed", fmt.Errorf("cleanup: %w", agen.ErrClosed), nil},
		{"returns an error", errBoom, errBoom},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var events []string
			g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
				defer func() { events = append(events, "deferred") }()
				_, err := yield(1)
				events = append(events, fmt.Sprint("yield: ", err))
				return tt.end
			})
			checkNext(t, g, result{1, nil})
			err := g.Close()
			events = append(events, "Close returned")
			if !errors.Is(err, tt.want) {
				t.Errorf("Close() = %v, want %v", err, tt.want)
			}
			want := []string{"yield: " + agen.ErrClosed.Error(), "deferred", "Close returned"}
			if diff := cmp.Diff(want, events); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
			checkDone(t, g)
		})
	}
}

// TestCloseIgnored checks a function that yields after being closed.
func TestCloseIgnored(t *testing.T) {
	var got []received
	cleaned := false
	g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
		defer func() { cleaned = true }()
		for i := 1; i <= 4; i++ {
			s, err := yield(i) // ignores ErrClosed
			got = append(got, received{s, err})
		}
		return nil
	})
	checkNext(t, g, result{1, nil})
	if err := g.Close(); err != agen.ErrIgnoredClose {
		t.Errorf("Close() = %v, want ErrIgnoredClose", err)
	}
	want := []received{{0, agen.ErrClosed}, {0, agen.ErrClosed}, {0, agen.ErrClosed}, {0, agen.ErrClosed}}
	if diff := cmp.Diff(want, got, equateErrors); diff != "" {
		t.Errorf("yield returned (-want +got):\n%s", diff)
	}
	if !cleaned {
		t.Error("f's deferred call did not run before Close returned")
	}
	checkDone(t, g)
}

func TestCloseIgnoredWithError(t *testing.T) {
	g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
		yield(1)
		yield(2)
		return errBoom
	})
	checkNext(t, g, result{1, nil})
	err := g.Close()
	if !errors.Is(err, agen.ErrIgnoredClose) || !errors.Is(err, errBoom) {
		t.Errorf("Close() = %v, want an error matching ErrIgnoredClose and errBoom", err)
	}
}

// TestCloseIdle checks Close on unstarted and finished generators, and twice.
func TestCloseIdle(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(g *agen.Generator[int, int])
	}{
		{"unstarted", func(g *agen.Generator[int, int]) {}},
		{"finished", func(g *agen.Generator[int, int]) {
			for {
				if _, err := g.Next(); err != nil {
					return
				}
			}
		}},
		{"closed", func(g *agen.Generator[int, int]) {
			g.Next()
			g.Close()
		}},
		{"thrown out", func(g *agen.Generator[int, int]) {
			g.Next()
			g.Throw(errBoom)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runs := 0
			g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
				runs++
				_, err := yield(1)
				return err
			})
			tt.prepare(g)
			before := runs
			if err := g.Close(); err != nil {
				t.Errorf("Close() = %v, want nil", err)
			}
			if runs != before {
				t.Errorf("Close ran f")
			}
			checkDone(t, g)
		})
	}
}
