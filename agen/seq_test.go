package agen_test

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/itergen/itergen/agen"
)

// TestSeq checks that Seq runs f in the range loop and ends with f's error.
func TestSeq(t *testing.T) {
	tests := []struct {
		name string
		end  error
		want []result
	}{
		{"nil", nil, []result{{1, nil}, {2, nil}, {3, nil}}},
		{"error", errBoom, []result{{1, nil}, {2, nil}, {3, nil}, {0, errBoom}}},
		{"ErrClosed", agen.ErrClosed, []result{{1, nil}, {2, nil}, {3, nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var yielded []received
			s := agen.Seq(context.Background(), countTo(3, tt.end, &yielded))
			var got []result
			for v, err := range s {
				got = append(got, result{v, err})
			}
			if diff := cmp.Diff(tt.want, got, equateErrors); diff != "" {
				t.Errorf("range Seq(ctx, f) yielded (-want +got):\n%s", diff)
			}
			want := []received{{0, nil}, {0, nil}, {0, nil}}
			if diff := cmp.Diff(want, yielded, equateErrors); diff != "" {
				t.Errorf("yield returned (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSeqEmpty(t *testing.T) {
	for v, err := range agen.Seq(context.Background(), countTo(0, nil, nil)) {
		t.Errorf("range Seq(ctx, f) yielded %v, %v, want nothing", v, err)
	}
}

func TestSeqErrDone(t *testing.T) {
	var last error
	for _, err := range agen.Seq(context.Background(), countTo(1, agen.ErrDone, nil)) {
		last = err
	}
	if last == nil || errors.Is(last, agen.ErrDone) || !strings.Contains(last.Error(), "ErrDone") {
		t.Errorf("last element error = %v, want one that names ErrDone without matching it", last)
	}
}

// TestSeqBreak checks that breaking out of the loop closes f.
func TestSeqBreak(t *testing.T) {
	var yielded []received
	var events []string
	f := func(ctx context.Context, yield func(int) (int, error)) error {
		defer func() { events = append(events, "deferred") }()
		err := countTo(5, nil, &yielded)(ctx, yield)
		// Yields after the break return ErrClosed at once.
		for i := range 2 {
			s, err := yield(10 + i)
			yielded = append(yielded, received{s, err})
		}
		return err // dropped: the loop is gone
	}
	for v := range agen.Seq(context.Background(), f) {
		if v == 2 {
			events = append(events, "break")
			break
		}
	}
	events = append(events, "after loop")
	want := []received{{0, nil}, {0, agen.ErrClosed}, {0, agen.ErrClosed}, {0, agen.ErrClosed}}
	if diff := cmp.Diff(want, yielded, equateErrors); diff != "" {
		t.Errorf("yield returned (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"break", "deferred", "after loop"}, events); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
}

// TestSeqReiterable checks that each range calls f afresh.
func TestSeqReiterable(t *testing.T) {
	s := agen.Seq(context.Background(), countTo(2, nil, nil))
	for i := range 2 {
		var got []int
		for v := range s {
			got = append(got, v)
		}
		if diff := cmp.Diff([]int{1, 2}, got); diff != "" {
			t.Errorf("range %d yielded (-want +got):\n%s", i, diff)
		}
	}
}

// TestSeqSameGoroutine checks that f runs on the loop's goroutine; no
// coroutine is involved.
func TestSeqSameGoroutine(t *testing.T) {
	var stack string
	f := func(ctx context.Context, yield func(int) (int, error)) error {
		buf := make([]byte, 64<<10)
		stack = string(buf[:runtime.Stack(buf, false)])
		yield(1)
		return nil
	}
	for range agen.Seq(context.Background(), f) {
	}
	if !strings.Contains(stack, "TestSeqSameGoroutine") {
		t.Errorf("f did not run on the goroutine of the range loop; its stack:\n%s", stack)
	}
}

// A panic in f, or in the loop body, unwinds as is.
func TestSeqPanic(t *testing.T) {
	want := &boomValue{3}
	p := panicValue(func() {
		for range agen.Seq(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
			yield(1)
			panic(want)
		}) {
		}
	})
	if p != want {
		t.Errorf("range Seq(ctx, f) panicked with %#v, want %#v", p, want)
	}

	cleaned := false
	p = panicValue(func() {
		for range agen.Seq(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
			defer func() { cleaned = true }()
			yield(1)
			return nil
		}) {
			panic(want)
		}
	})
	if p != want {
		t.Errorf("loop body panic came out as %#v, want %#v", p, want)
	}
	if !cleaned {
		t.Error("f's deferred call did not run when the loop body panicked")
	}
}
