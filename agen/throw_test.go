package agen_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/itergen/itergen/agen"
)

// TestThrow checks Throw on a suspended generator, caught or not.
func TestThrow(t *testing.T) {
	tests := []struct {
		name    string
		handle  func(err error) (next int, end error, yieldAgain bool)
		want    result
		wantEnd bool
	}{
		{
			name:   "caught, yields",
			handle: func(err error) (int, error, bool) { return 100, nil, true },
			want:   result{100, nil},
		},
		{
			name:    "caught, returns another error",
			handle:  func(err error) (int, error, bool) { return 0, errOther, false },
			want:    result{0, errOther},
			wantEnd: true,
		},
		{
			name:    "caught, returns nil",
			handle:  func(err error) (int, error, bool) { return 0, nil, false },
			want:    result{0, agen.ErrDone},
			wantEnd: true,
		},
		{
			name:    "uncaught",
			handle:  func(err error) (int, error, bool) { return 0, err, false },
			want:    result{0, errReject},
			wantEnd: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var thrown error
			g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
				_, err := yield(1)
				thrown = err
				v, end, again := tt.handle(err)
				if !again {
					return end
				}
				yield(v)
				return nil
			})
			defer g.Close()
			checkNext(t, g, result{1, nil})
			v, err := g.Throw(errReject)
			if diff := cmp.Diff(tt.want, result{v, err}, equateErrors); diff != "" {
				t.Errorf("Throw(errReject) = %v, %v, want %v, %v", v, err, tt.want.V, tt.want.Err)
			}
			if thrown != errReject {
				t.Errorf("yield returned error %v, want errReject", thrown)
			}
			if tt.wantEnd {
				checkDone(t, g)
			} else {
				checkNext(t, g, result{0, agen.ErrDone})
			}
		})
	}
}

func TestThrowUnstarted(t *testing.T) {
	called := false
	g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
		called = true
		return nil
	})
	if v, err := g.Throw(errReject); v != 0 || err != errReject {
		t.Errorf("Throw(errReject) on a fresh generator = %v, %v, want 0, errReject", v, err)
	}
	if called {
		t.Error("Throw on a fresh generator ran f")
	}
	checkDone(t, g)
	if called {
		t.Error("calls on a generator finished by Throw ran f")
	}
}

func TestThrowFinished(t *testing.T) {
	g := agen.New(context.Background(), countTo(0, nil, nil))
	checkNext(t, g, result{0, agen.ErrDone})
	if v, err := g.Throw(errReject); v != 0 || err != agen.ErrDone {
		t.Errorf("Throw(errReject) on a finished generator = %v, %v, want 0, ErrDone", v, err)
	}
}

func TestThrowNil(t *testing.T) {
	g := agen.New(context.Background(), echo)
	defer g.Close()
	checkNext(t, g, result{0, nil})
	p := panicValue(func() { g.Throw(nil) })
	if s, ok := p.(string); !ok || !strings.HasPrefix(s, "agen.Throw: ") {
		t.Errorf("Throw(nil) panicked with %#v, want a string starting with %q", p, "agen.Throw: ")
	}
	// The generator is undisturbed.
	if v, err := g.Send(1); v != 2 || err != nil {
		t.Errorf("Send(1) after Throw(nil) = %v, %v, want 2, nil", v, err)
	}
}
