package collect_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/itergen/itergen/collect"
	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

// chanDrain receives every value of ch.
func chanDrain[T any](ch <-chan T) []T {
	var got []T
	for v := range ch {
		got = append(got, v)
	}
	return got
}

func TestChan(t *testing.T) {
	for _, buf := range []int{0, 1, 10} {
		for _, c := range streamtest.Cases() {
			t.Run(fmt.Sprintf("buf=%d/%s", buf, c.Name), func(t *testing.T) {
				src := streamtest.NewSource(c.Input)
				ch, wait := collect.Chan(context.Background(), src.Seq(), buf)
				got := chanDrain(ch)
				err := wait()
				want, wantErr := prefix(c.Input)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("Chan(%v) sent (-want +got):\n%s", c.Input, diff)
				}
				checkErr(t, "Chan wait", err, wantErr)
				checkSource(t, src, readUntil(c.Input, nil))
			})
		}
	}
}

// TestChanStartsAtOnce checks that the goroutine runs before anyone
// receives: with room for every value, wait returns without a receive.
func TestChanStartsAtOnce(t *testing.T) {
	src := streamtest.NewSource(streamtest.Vals(1, 2, 3))
	ch, wait := collect.Chan(context.Background(), src.Seq(), 3)
	if err := wait(); err != nil {
		t.Fatalf("Chan wait = %v, want nil", err)
	}
	checkSource(t, src, 3)
	if got, want := chanDrain(ch), []int{1, 2, 3}; !cmp.Equal(got, want) {
		t.Errorf("Chan buffered %v, want %v", got, want)
	}
}

// chanCount is an infinite stream 0, 1, 2, … that reports its cleanup.
func chanCount(cleaned *bool) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		defer func() { *cleaned = true }()
		for i := 0; ; i++ {
			if !yield(i, nil) {
				return
			}
		}
	}
}

func TestChanCancelReleases(t *testing.T) {
	for _, buf := range []int{0, 4} {
		cause := errors.New("not interested")
		ctx, cancel := context.WithCancelCause(context.Background())
		cleaned := false
		ch, wait := collect.Chan(ctx, chanCount(&cleaned), buf)
		for i := 0; i < 3; i++ {
			if v := <-ch; v != i {
				t.Fatalf("Chan: received %d, want %d", v, i)
			}
		}
		cancel(cause)
		checkErr(t, "Chan wait after cancel", wait(), cause)
		if !cleaned {
			t.Errorf("Chan(buf=%d): the stream was not stopped when wait returned", buf)
		}
		goleak.VerifyNone(t)
	}
}

func TestChanDoneBeforeStart(t *testing.T) {
	cause := errors.New("too late")
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(cause)
	src := streamtest.NewSource(streamtest.Vals(1, 2))
	ch, wait := collect.Chan(ctx, src.Seq(), 1)
	if got := chanDrain(ch); got != nil {
		t.Errorf("Chan with a done ctx sent %v, want nothing", got)
	}
	checkErr(t, "Chan wait", wait(), cause)
	if starts, _, _ := src.Stats(); starts != 0 {
		t.Errorf("Chan with a done ctx started the stream %d times", starts)
	}
}

func chanPanics(v any) { panic(v) }

// chanWaitPanic calls wait and returns what it panicked with.
func chanWaitPanic(wait func() error) (p any) {
	defer func() { p = recover() }()
	_ = wait()
	return nil
}

func TestChanPanic(t *testing.T) {
	s := func(yield func(int, error) bool) {
		_ = yield(1, nil) && yield(2, nil)
		chanPanics("stream boom")
	}
	ch, wait := collect.Chan(context.Background(), s, 0)
	if got, want := chanDrain(ch), []int{1, 2}; !cmp.Equal(got, want) {
		t.Errorf("Chan sent %v before the panic, want %v", got, want)
	}
	p1 := chanWaitPanic(wait)
	pe, ok := p1.(*seq.PanicError)
	if !ok {
		t.Fatalf("wait panicked with %#v, want a *seq.PanicError", p1)
	}
	if pe.Value != "stream boom" {
		t.Errorf("PanicError.Value = %#v, want %q", pe.Value, "stream boom")
	}
	if !strings.Contains(string(pe.Stack), "chanPanics") {
		t.Errorf("the stack of the PanicError does not name chanPanics:\n%s", pe.Stack)
	}
	if p2 := chanWaitPanic(wait); p2 != p1 {
		t.Errorf("second wait panicked with %#v, want the same %#v", p2, p1)
	}
}

func TestChanPanicErrorPassedOn(t *testing.T) {
	orig := &seq.PanicError{Value: "inner", Stack: []byte("inner stack")}
	s := func(yield func(int, error) bool) { panic(orig) }
	ch, wait := collect.Chan(context.Background(), s, 0)
	chanDrain(ch)
	if p := chanWaitPanic(wait); p != orig {
		t.Errorf("wait panicked with %#v, want the stream's *seq.PanicError as it is", p)
	}
}

// TestChanNilPanicError checks that a panic whose value is a nil
// *seq.PanicError is re-raised by wait, not taken for a complete stream.
func TestChanNilPanicError(t *testing.T) {
	s := func(yield func(int, error) bool) {
		yield(1, nil)
		panic((*seq.PanicError)(nil))
	}
	ch, wait := collect.Chan(context.Background(), s, 1)
	chanDrain(ch)
	p := chanWaitPanic(wait)
	pe, ok := p.(*seq.PanicError)
	if !ok || pe == nil || pe.Value != (*seq.PanicError)(nil) {
		t.Errorf("wait panicked with %#v, want a *seq.PanicError holding the nil one", p)
	}
}

func TestChanGoexit(t *testing.T) {
	s := func(yield func(int, error) bool) {
		yield(1, nil)
		runtime.Goexit()
	}
	ch, wait := collect.Chan(context.Background(), s, 1)
	chanDrain(ch)
	done := make(chan bool)
	go func() {
		normal := false
		defer func() { done <- !normal && recover() == nil }()
		_ = wait()
		normal = true
	}()
	if exited := <-done; !exited {
		t.Errorf("wait after a runtime.Goexit in the stream did not exit its goroutine")
	}
}

func TestChanWaitManyTimes(t *testing.T) {
	src := streamtest.NewSource([]streamtest.Elem[int]{{V: 1}, streamtest.Err[int](streamtest.ErrA), {V: 2}})
	ch, wait := collect.Chan(context.Background(), src.Seq(), 0)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			checkErr(t, "Chan wait", wait(), streamtest.ErrA)
		}()
	}
	if got, want := chanDrain(ch), []int{1}; !cmp.Equal(got, want) {
		t.Errorf("Chan sent %v, want %v: nothing after the error", got, want)
	}
	wg.Wait()
	checkErr(t, "Chan wait", wait(), streamtest.ErrA)
	checkSource(t, src, 2)
}

func TestChanCallTimePanics(t *testing.T) {
	var nilCtx context.Context
	s := streamtest.NewSource(streamtest.Vals(1)).Seq()
	tests := []struct {
		name string
		call func()
		want string
	}{
		{"nil context", func() { collect.Chan(nilCtx, s, 0) }, "collect.Chan: nil context"},
		{"nil stream", func() { collect.Chan[int](context.Background(), nil, 0) }, "collect.Chan: nil stream"},
		{"negative buf", func() { collect.Chan(context.Background(), s, -1) }, "collect.Chan: buf must not be negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got any
			func() {
				defer func() { got = recover() }()
				tt.call()
			}()
			if got != tt.want {
				t.Errorf("Chan with %s panicked with %v, want %q", tt.name, got, tt.want)
			}
		})
	}
}
