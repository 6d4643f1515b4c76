package streamtest

import (
	"errors"
	"fmt"
	"iter"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/itergen/itergen/seq"
)

// extraCalls is how many times the upstream of [CheckBadUpstream] calls
// yield after it returned false before it gives up and returns, so that an
// operator that ignores the mistake returns rather than spins.
const extraCalls = 1000

// badUpstreamLimit is how long a range in CheckBadUpstream may take.
var badUpstreamLimit = 5 * time.Second

// The messages that name the mistake: an operator's own, and the one Go's
// range statement panics with when the function it ranges over calls the
// loop body again after it broke.
const (
	msgOperator = "yield again after it returned false"
	msgRuntime  = "continued iteration after function for loop body returned false"
)

// CheckBadUpstream builds op over an upstream that breaks the stream
// contract — it yields 0, 1, … 99 and, once yield returns false, calls it
// again up to 1000 times before it returns — and ranges the result with a
// loop body that breaks at element 0, 1 and 2, and with one that never
// breaks. Each range statement must return within 5 seconds, and when the
// upstream was told to stop, a panic must come out of it that names the
// mistake: a message containing "yield again after it returned false"
// (for operators that run the upstream on goroutines of their own, the
// Value of a *seq.PanicError), or the panic of Go's range statement for
// operators that range their upstream with a range loop. A range during
// which the upstream was never told to stop must return normally.
func CheckBadUpstream[U any](t testing.TB, op func(iter.Seq2[int, error]) iter.Seq2[U, error]) {
	t.Helper()
	for _, breakAt := range []int{0, 1, 2, -1} {
		name := fmt.Sprintf("break at element %d", breakAt)
		if breakAt < 0 {
			name = "full range"
		}
		var told atomic.Bool // the upstream's yield returned false
		upstream := func(yield func(int, error) bool) {
			for i := 0; i < 100; i++ {
				if yield(i, nil) {
					continue
				}
				told.Store(true)
				for j := 0; j < extraCalls; j++ {
					yield(i+1+j, nil) // the mistake under test
				}
				return
			}
		}
		s := op(upstream)

		done := make(chan any, 1)
		go func() {
			returned := false
			defer func() {
				if returned {
					done <- nil
					return
				}
				r := recover()
				if r == nil {
					r = errors.New("runtime.Goexit")
				}
				done <- r
			}()
			n := 0
			for range s {
				if n == breakAt {
					break
				}
				n++
			}
			returned = true
		}()

		var r any
		select {
		case r = <-done:
		case <-time.After(badUpstreamLimit):
			t.Errorf("%s over an upstream that calls yield after false: the range statement did not return within %v", name, badUpstreamLimit)
			continue
		}
		switch {
		case r == nil && told.Load():
			t.Errorf("%s over an upstream that calls yield after false: the range statement returned normally; want a panic naming the mistake", name)
		case r != nil && !told.Load():
			t.Errorf("%s: the range statement panicked with %v although the upstream was never told to stop", name, r)
		case r != nil && !namesMistake(r):
			t.Errorf("%s over an upstream that calls yield after false: the range statement panicked with %q; want it to say %q (or Go's %q)", name, panicText(r), msgOperator, msgRuntime)
		}
	}
}

func namesMistake(r any) bool {
	msg := panicText(r)
	return strings.Contains(msg, msgOperator) || strings.Contains(msg, msgRuntime)
}

// panicText is the message of a panic value; for a *seq.PanicError, that
// of the value it holds.
func panicText(r any) string {
	if pe, ok := r.(*seq.PanicError); ok {
		r = pe.Value
	}
	if err, ok := r.(error); ok {
		return err.Error()
	}
	return fmt.Sprint(r)
}
