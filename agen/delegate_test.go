package agen_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/itergen/itergen/agen"
)

// call is one call on a generator in a scripted test.
type call struct {
	method string // "Next", "Send", "Throw" or "Close"
	send   int
	throw  error
}

// run makes the call on g; Close's result comes as (0, err).
func (c call) run(g *agen.Generator[int, int]) result {
	switch c.method {
	case "Send":
		v, err := g.Send(c.send)
		return result{v, err}
	case "Throw":
		v, err := g.Throw(c.throw)
		return result{v, err}
	case "Close":
		return result{0, g.Close()}
	}
	v, err := g.Next()
	return result{v, err}
}

// String returns the call as it is written in Go.
func (c call) String() string {
	switch c.method {
	case "Send":
		return fmt.Sprintf("Send(%d)", c.send)
	case "Throw":
		return fmt.Sprintf("Throw(%v)", c.throw)
	}
	return c.method + "()"
}

var (
	callNext  = call{method: "Next"}
	callClose = call{method: "Close"}
)

func callSend(v int) call      { return call{method: "Send", send: v} }
func callThrow(err error) call { return call{method: "Throw", throw: err} }

// runCalls makes the calls on g in order and returns their results.
func runCalls(g *agen.Generator[int, int], calls []call) []result {
	var got []result
	for _, c := range calls {
		got = append(got, c.run(g))
	}
	return got
}

// logged returns a stream of elems (an element with a non-nil Err is an
// error element) whose deferred cleanup appends "s cleanup" to *log.
func logged(log *[]string, elems ...result) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		defer func() { *log = append(*log, "s cleanup") }()
		for _, e := range elems {
			if !yield(e.V, e.Err) {
				return
			}
		}
	}
}

// TestYieldFrom drives a generator function that delegates to a stream with
// YieldFrom, logs what YieldFrom returned, then yields 42 (unless closed)
// and returns YieldFrom's error.
func TestYieldFrom(t *testing.T) {
	tests := []struct {
		name    string
		elems   []result
		calls   []call
		want    []result
		wantLog []string
	}{
		{
			name:    "s ends",
			elems:   []result{{1, nil}, {2, nil}},
			calls:   []call{callNext, callNext, callNext, callNext},
			want:    []result{{1, nil}, {2, nil}, {42, nil}, {0, agen.ErrDone}},
			wantLog: []string{"s cleanup", "YieldFrom: <nil>"},
		},
		{
			name:    "empty s",
			calls:   []call{callNext, callNext},
			want:    []result{{42, nil}, {0, agen.ErrDone}},
			wantLog: []string{"s cleanup", "YieldFrom: <nil>"},
		},
		{
			name:    "error element",
			elems:   []result{{1, nil}, {0, errBoom}, {2, nil}},
			calls:   []call{callNext, callNext, callNext, callNext},
			want:    []result{{1, nil}, {42, nil}, {0, errBoom}, {0, agen.ErrDone}},
			wantLog: []string{"s cleanup", "YieldFrom: boom"},
		},
		{
			name:    "Send resumes s",
			elems:   []result{{1, nil}, {2, nil}},
			calls:   []call{callNext, callSend(7), callSend(8), callNext},
			want:    []result{{1, nil}, {2, nil}, {42, nil}, {0, agen.ErrDone}},
			wantLog: []string{"s cleanup", "YieldFrom: <nil>"},
		},
		{
			name:    "Throw stops s",
			elems:   []result{{1, nil}, {2, nil}},
			calls:   []call{callNext, callThrow(errReject), callNext, callNext},
			want:    []result{{1, nil}, {42, nil}, {0, errReject}, {0, agen.ErrDone}},
			wantLog: []string{"s cleanup", "YieldFrom: rejected"},
		},
		{
			name:    "Close stops s",
			elems:   []result{{1, nil}, {2, nil}},
			calls:   []call{callNext, callClose, callNext},
			want:    []result{{1, nil}, {0, nil}, {0, agen.ErrDone}},
			wantLog: []string{"s cleanup", "YieldFrom: " + agen.ErrClosed.Error()},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log []string
			s := logged(&log, tt.elems...)
			g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
				err := agen.YieldFrom(yield, s)
				log = append(log, fmt.Sprintf("YieldFrom: %v", err))
				if errors.Is(err, agen.ErrClosed) {
					return err
				}
				if _, err := yield(42); err != nil {
					return err
				}
				return err
			})
			defer g.Close()
			got := runCalls(g, tt.calls)
			if diff := cmp.Diff(tt.want, got, equateErrors); diff != "" {
				t.Errorf("%v gave (-want +got):\n%s", tt.calls, diff)
			}
			if diff := cmp.Diff(tt.wantLog, log); diff != "" {
				t.Errorf("log (-want +got):\n%s", diff)
			}
		})
	}
}

// TestYieldFromAfterIgnoredClose checks YieldFrom called by a function that
// ignored Close: s is stopped at its first element and YieldFrom returns
// ErrClosed.
func TestYieldFromAfterIgnoredClose(t *testing.T) {
	var log []string
	s := logged(&log, result{1, nil}, result{2, nil})
	g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
		yield(0) // Close arrives here and is ignored.
		err := agen.YieldFrom(yield, s)
		log = append(log, fmt.Sprintf("YieldFrom: %v", err))
		return nil
	})
	checkNext(t, g, result{0, nil})
	if err := g.Close(); !errors.Is(err, agen.ErrIgnoredClose) {
		t.Errorf("Close() = %v, want %v", err, agen.ErrIgnoredClose)
	}
	want := []string{"s cleanup", "YieldFrom: " + agen.ErrClosed.Error()}
	if diff := cmp.Diff(want, log); diff != "" {
		t.Errorf("log (-want +got):\n%s", diff)
	}
}

// TestYieldFromSeq checks YieldFrom under Seq: breaking out of the loop
// stops s.
func TestYieldFromSeq(t *testing.T) {
	var log []string
	s := logged(&log, result{1, nil}, result{2, nil}, result{3, nil})
	bar := func(ctx context.Context, yield func(int) (struct{}, error)) error {
		err := agen.YieldFrom(yield, s)
		log = append(log, fmt.Sprintf("YieldFrom: %v", err))
		return err
	}
	var got []int
	for v, err := range agen.Seq(context.Background(), bar) {
		if err != nil {
			t.Fatalf("element error %v", err)
		}
		if got = append(got, v); len(got) == 2 {
			break
		}
	}
	if diff := cmp.Diff([]int{1, 2}, got); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
	want := []string{"s cleanup", "YieldFrom: " + agen.ErrClosed.Error()}
	if diff := cmp.Diff(want, log); diff != "" {
		t.Errorf("log (-want +got):\n%s", diff)
	}
}

// TestYieldFromStubbornStream checks that a stream that calls yield again
// after being told to stop makes YieldFrom panic, rather than be resumed
// after the delegation ended.
func TestYieldFromStubbornStream(t *testing.T) {
	var stubborn iter.Seq2[int, error] = func(yield func(int, error) bool) {
		for i := 0; i < 3; i++ {
			yield(i, nil)
		}
	}
	g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
		return agen.YieldFrom(yield, stubborn)
	})
	checkNext(t, g, result{0, nil})
	p := panicValue(func() { g.Throw(errReject) })
	const prefix = "agen.YieldFrom: s called yield again"
	if s, ok := p.(string); !ok || !strings.HasPrefix(s, prefix) {
		t.Errorf("Throw(%v) panicked with %#v, want a string starting with %q", errReject, p, prefix)
	}
	checkNext(t, g, result{0, agen.ErrDone})
}

func TestYieldFromBadArguments(t *testing.T) {
	yield := func(int) (int, error) { return 0, nil }
	tests := []struct {
		name string
		call func()
	}{
		{"nil yield", func() { agen.YieldFrom[int, int](nil, logged(new([]string))) }},
		{"nil stream", func() { agen.YieldFrom(yield, nil) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const prefix = "agen.YieldFrom: "
			p := panicValue(tt.call)
			if s, ok := p.(string); !ok || !strings.HasPrefix(s, prefix) {
				t.Errorf("panicked with %#v, want a string starting with %q", p, prefix)
			}
		})
	}
}

var errNextTally = errors.New("next tally")

// accumulate returns a generator function that yields the running total of
// the values sent to it, starting from 0, until errNextTally is thrown in;
// it then stores the total in *total and returns nil. It catches errReject
// by yielding -1 and going on, and returns any other error. Its deferred
// call logs "sub cleanup".
func accumulate(log *[]string, total *int) agen.Func[int, int] {
	return func(ctx context.Context, yield func(int) (int, error)) error {
		defer func() { *log = append(*log, "sub cleanup") }()
		sum, out := 0, 0
		for {
			n, err := yield(out)
			switch {
			case errors.Is(err, errNextTally):
				*total = sum
				return nil
			case errors.Is(err, errReject):
				out = -1
				continue
			case err != nil:
				return err
			}
			sum += n
			out = sum
		}
	}
}

// gather returns a generator function that delegates to accumulate again
// and again, appending each total to *tallies. It catches errOther coming
// out of accumulate by yielding -2 and starting a new tally, and returns
// any other error. Its deferred call logs "delegator cleanup".
func gather(log *[]string, tallies *[]int) agen.Func[int, int] {
	return func(ctx context.Context, yield func(int) (int, error)) error {
		defer func() { *log = append(*log, "delegator cleanup") }()
		for {
			var total int
			err := accumulate(log, &total)(ctx, yield)
			if errors.Is(err, errOther) {
				*log = append(*log, "delegator caught other")
				if _, err := yield(-2); err != nil {
					return err
				}
				continue
			}
			if err != nil {
				return err
			}
			*tallies = append(*tallies, total)
		}
	}
}

// TestDelegation checks that a generator function that calls another with
// its own yield forwards every call to it, as Python's yield from does.
func TestDelegation(t *testing.T) {
	tests := []struct {
		name        string
		calls       []call
		want        []result
		wantTallies []int
		wantLog     []string
	}{
		{
			name:  "Send reaches sub, its result reaches the delegator",
			calls: []call{callNext, callSend(1), callSend(2), callSend(3), callThrow(errNextTally), callSend(4)},
			want:  []result{{0, nil}, {1, nil}, {3, nil}, {6, nil}, {0, nil}, {4, nil}},
			// The first tally's sub has returned; the second's is running.
			wantTallies: []int{6},
			wantLog:     []string{"sub cleanup"},
		},
		{
			name:  "Throw caught by sub goes on in sub",
			calls: []call{callNext, callSend(5), callThrow(errReject), callSend(2)},
			want:  []result{{0, nil}, {5, nil}, {-1, nil}, {7, nil}},
		},
		{
			name:    "Throw not caught by sub reaches the delegator",
			calls:   []call{callNext, callSend(5), callThrow(errOther), callNext, callSend(3)},
			want:    []result{{0, nil}, {5, nil}, {-2, nil}, {0, nil}, {3, nil}},
			wantLog: []string{"sub cleanup", "delegator caught other"},
		},
		{
			name:    "Throw caught by neither ends the generator",
			calls:   []call{callNext, callThrow(errBoom), callNext},
			want:    []result{{0, nil}, {0, errBoom}, {0, agen.ErrDone}},
			wantLog: []string{"sub cleanup", "delegator cleanup"},
		},
		{
			name:    "Close runs sub's deferred calls, then the delegator's",
			calls:   []call{callNext, callSend(1), callClose, callNext},
			want:    []result{{0, nil}, {1, nil}, {0, nil}, {0, agen.ErrDone}},
			wantLog: []string{"sub cleanup", "delegator cleanup"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log []string
			var tallies []int
			g := agen.New(context.Background(), gather(&log, &tallies))
			got := runCalls(g, tt.calls)
			if diff := cmp.Diff(tt.want, got, equateErrors); diff != "" {
				t.Errorf("%v gave (-want +got):\n%s", tt.calls, diff)
			}
			if diff := cmp.Diff(tt.wantTallies, tallies); diff != "" {
				t.Errorf("tallies (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantLog, log); diff != "" {
				t.Errorf("log before Close (-want +got):\n%s", diff)
			}
			g.Close()
		})
	}
}

// TestDelegationPanic checks that a panic in the sub-generator unwinds the
// delegator too, running both deferred calls, innermost first, and comes out
// of the call that resumed them.
func TestDelegationPanic(t *testing.T) {
	var log []string
	sub := func(ctx context.Context, yield func(int) (int, error)) error {
		defer func() { log = append(log, "sub cleanup") }()
		yield(1)
		panic(errBoom)
	}
	g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
		defer func() { log = append(log, "delegator cleanup") }()
		if err := sub(ctx, yield); err != nil {
			return err
		}
		log = append(log, "delegator went on")
		return nil
	})
	checkNext(t, g, result{1, nil})
	if p := panicValue(func() { g.Next() }); p != errBoom {
		t.Errorf("Next() panicked with %#v, want %#v", p, errBoom)
	}
	want := []string{"sub cleanup", "delegator cleanup"}
	if diff := cmp.Diff(want, log); diff != "" {
		t.Errorf("log (-want +got):\n%s", diff)
	}
	checkNext(t, g, result{0, agen.ErrDone})
}
