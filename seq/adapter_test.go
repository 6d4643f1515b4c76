package seq_test

import (
	"context"
	"errors"
	"iter"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

func TestAdaptersContract(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for _, c := range streamtest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			got := streamtest.Check(t, c.Input, func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
				return seq.WithContext(ctx, s)
			})
			if diff := cmp.Diff(c.Input, got, sourceErrorsEqual); diff != "" {
				t.Errorf("WithContext(%v) (-want +got):\n%s", c.Input, diff)
			}

			var wantVals []srcElem
			for _, e := range c.Input {
				if e.Err != nil {
					break
				}
				wantVals = append(wantVals, e)
			}
			var err error
			got = streamtest.Check(t, c.Input, func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
				return seq.From(seq.Values(s, &err))
			})
			if diff := cmp.Diff(wantVals, got); diff != "" {
				t.Errorf("From(Values(%v)) (-want +got):\n%s", c.Input, diff)
			}

			// A producer around YieldFrom: what follows it runs only if
			// YieldFrom reported that the consumer wants more.
			want := append(append([]srcElem{{V: -1}}, c.Input...), srcElem{V: -2})
			got = streamtest.Check(t, c.Input, func(s iter.Seq2[int, error]) iter.Seq2[int, error] {
				return func(yield func(int, error) bool) {
					if yield(-1, nil) && seq.YieldFrom(yield, s) {
						yield(-2, nil)
					}
				}
			})
			if diff := cmp.Diff(want, got, sourceErrorsEqual); diff != "" {
				t.Errorf("YieldFrom(%v) (-want +got):\n%s", c.Input, diff)
			}
		})
	}
}

func TestWithContextDone(t *testing.T) {
	t.Run("before start", func(t *testing.T) {
		ctx, cancel := context.WithCancelCause(context.Background())
		cancel(errSourceStop)
		src := streamtest.NewSource(streamtest.Vals(1, 2))
		got := streamtest.Collect(seq.WithContext(ctx, src.Seq()))
		if diff := cmp.Diff([]srcElem{{Err: errSourceStop}}, got, sourceErrorsEqual); diff != "" {
			t.Errorf("WithContext(cancelled) (-want +got):\n%s", diff)
		}
		if starts, _, _ := src.Stats(); starts != 0 {
			t.Errorf("upstream started %d times, want 0", starts)
		}
	})
	t.Run("midway", func(t *testing.T) {
		ctx, cancel := context.WithCancelCause(context.Background())
		defer cancel(nil)
		src := streamtest.NewSource(streamtest.Vals(1, 2, 3, 4))
		var got []srcElem
		for v, err := range seq.WithContext(ctx, src.Seq()) {
			got = append(got, srcElem{V: v, Err: err})
			if v == 2 {
				cancel(errSourceStop)
			}
		}
		if diff := cmp.Diff([]srcElem{{V: 1}, {V: 2}, {Err: errSourceStop}}, got, sourceErrorsEqual); diff != "" {
			t.Errorf("WithContext cancelled after 2 (-want +got):\n%s", diff)
		}
		if starts, cleanups, _ := src.Stats(); starts != 1 || cleanups != 1 {
			t.Errorf("upstream started %d times, cleaned up %d times, want 1 and 1", starts, cleanups)
		}
	})
	t.Run("upstream ends because of the cancel", func(t *testing.T) {
		ctx, cancel := context.WithCancelCause(context.Background())
		defer cancel(nil)
		var quits iter.Seq2[int, error] = func(yield func(int, error) bool) {
			if !yield(1, nil) {
				return
			}
			cancel(errSourceStop)
			// A producer that sees ctx done and returns without a word.
		}
		got := streamtest.Collect(seq.WithContext(ctx, quits))
		if diff := cmp.Diff([]srcElem{{V: 1}, {Err: errSourceStop}}, got, sourceErrorsEqual); diff != "" {
			t.Errorf("WithContext over a stream cut short by ctx (-want +got):\n%s", diff)
		}
	})
}

func TestValues(t *testing.T) {
	errUntouched := errors.New("test: untouched")
	cases := []struct {
		name    string
		input   []srcElem
		stop    int // break after stop+1 values; -1 never
		want    []int
		wantErr error
	}{
		{"empty", nil, -1, nil, errUntouched},
		{"values", streamtest.Vals(1, 2, 3), -1, []int{1, 2, 3}, errUntouched},
		{"error midway", []srcElem{{V: 1}, {Err: streamtest.ErrA}, {V: 2}, {Err: streamtest.ErrB}}, -1, []int{1}, streamtest.ErrA},
		{"error first", []srcElem{{Err: streamtest.ErrB}, {V: 1}}, -1, nil, streamtest.ErrB},
		{"break before the error", []srcElem{{V: 1}, {V: 2}, {Err: streamtest.ErrA}}, 0, []int{1}, errUntouched},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := errUntouched
			var got []int
			for v := range seq.Values(streamtest.NewSource(tc.input).Seq(), &err) {
				got = append(got, v)
				if len(got) == tc.stop+1 {
					break
				}
			}
			if !slices.Equal(got, tc.want) || err != tc.wantErr {
				t.Errorf("Values(%v) = %v, %v, want %v, %v", tc.input, got, err, tc.want, tc.wantErr)
			}
		})
	}
}

func TestYieldFromStops(t *testing.T) {
	src := streamtest.NewSource(streamtest.Vals(1, 2, 3))
	var got []int
	more := seq.YieldFrom(func(v int, err error) bool {
		got = append(got, v)
		return v < 2
	}, src.Seq())
	if !slices.Equal(got, []int{1, 2}) || more {
		t.Errorf("YieldFrom with a consumer that stops at 2 = %v, %v, want [1 2], false", got, more)
	}
	if starts, cleanups, _ := src.Stats(); starts != 1 || cleanups != 1 {
		t.Errorf("upstream started %d times, cleaned up %d times, want 1 and 1", starts, cleanups)
	}
	if !seq.YieldFrom(func(int, error) bool { return false }, seq.Of[int]()) {
		t.Errorf("YieldFrom(yield, Of()) = false, want true")
	}
}
