package seqtest

import (
	"context"
	"fmt"
	"iter"
	"runtime"
	"runtime/pprof"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// cancelBefore as plan.cancelAt cancels ctx after mk returned and before
// the range starts.
const cancelBefore = -2

// A plan says what the loop body of one range does.
type plan struct {
	desc     string // how the report names the range
	breakAt  int    // the body breaks on this element (from 0); -1: never
	panicAt  int    // the body panics on this element; -1: never
	cancelAt int    // the body cancels ctx on this element; -1: never; or cancelBefore
}

// elem is one element of a stream.
type elem[T any] struct {
	v   T
	err error
}

// result is what one range did.
type result[T any] struct {
	stream   iter.Seq2[T, error] // the stream ranged, for a second range
	elems    []elem[T]           // what the loop body received
	returned bool                // the stream returned, or was unwound by abort
	desc     string              // how the report names the range
	cause    error               // the cause given to the cancel, if any
}

// bodyPanic is what the loop body panics with; the range must re-panic
// with the same pointer.
type bodyPanic struct{ at int }

func (p *bodyPanic) String() string {
	return fmt.Sprintf("seqtest: loop body panic at element %d", p.at)
}

// abort is what yield panics with when the stream calls it again after it
// returned false, on the range's goroutine: it unwinds a stream that would
// otherwise go on calling, as Go's range statement does.
type abort struct{}

// labelKey is the pprof label that marks the goroutines of one range: the
// range's goroutine carries it, and every goroutine started from there
// inherits it.
const labelKey = "github.com/itergen/itergen/seq/seqtest.range"

var rangeIDs atomic.Int64

// ranging is the state of one range, shared between the goroutine that
// ranges and the goroutines the stream calls yield from.
type ranging[T any] struct {
	plan
	desc   string // plan.desc with the range's number
	cancel context.CancelCauseFunc
	cause  error
	goid   atomic.Int64 // the goroutine of the range statement
	active atomic.Int32 // calls of yield in progress
	moved  atomic.Int64 // time.Now().UnixNano() of the last progress

	mu       sync.Mutex
	elems    []elem[T]
	state    int // stateRunning, stateStopped, statePanicked or stateReturned
	sawCause bool
	panicked *bodyPanic // what the loop body panicked with
	misuse   map[kind]string
}

const (
	stateRunning = iota
	stateStopped
	statePanicked
	stateReturned
)

// run makes one range after p, on a goroutine of its own. The stream is s
// if it is not nil; otherwise run calls mk on that goroutine with ctx (a
// fresh one if nil). It returns ok false when the check must stop: the
// range is stuck, or mk did not give a stream.
func (c *checker[T]) run(p plan, ctx context.Context, s iter.Seq2[T, error]) (*result[T], bool) {
	c.ranges++
	if ctx == nil {
		ctx, _ = c.context()
	}
	ctx, cancel := context.WithCancelCause(ctx)
	c.cancels = append(c.cancels, func() { cancel(nil) })
	rg := &ranging[T]{plan: p, desc: fmt.Sprintf("range %d (%s)", c.ranges, p.desc), cancel: cancel}
	if p.cancelAt != -1 {
		rg.cause = fmt.Errorf("seqtest: cancel of range %d", c.ranges)
	}
	label := strconv.FormatInt(rangeIDs.Add(1), 10)
	ctx = pprof.WithLabels(ctx, pprof.Labels(labelKey, label))

	before := c.stacks.before()
	var (
		res       = &result[T]{cause: rg.cause, desc: rg.desc}
		recovered any
		panicked  bool
		phase     string // what the goroutine was doing: "mk", "range" or "done"
		done      = make(chan struct{})
	)
	rg.moved.Store(time.Now().UnixNano())
	go func() {
		defer func() {
			pprof.SetGoroutineLabels(context.Background())
			close(done)
		}()
		defer func() {
			if phase != "done" {
				recovered = recover()
				panicked = recovered != nil
			}
		}()
		pprof.SetGoroutineLabels(ctx)
		rg.goid.Store(goid())
		if s == nil {
			phase = "mk"
			s = c.mk(ctx)
		}
		res.stream = s
		if s == nil {
			phase = "done"
			return
		}
		if p.cancelAt == cancelBefore {
			cancel(rg.cause)
		}
		phase = "range"
		s(rg.yield)
		phase = "done"
		res.returned = true
	}()

	if !c.wait(rg, done) {
		c.findings.add(kindStuck, rg.desc, rg.stuckMessage(c.cfg.limit))
		rg.report(c)
		return nil, false
	}
	rg.mu.Lock()
	res.elems = rg.elems
	if rg.state != statePanicked {
		rg.state = stateReturned
	}
	rg.mu.Unlock()

	switch {
	case phase == "mk" && panicked:
		c.findings.add(kindInput, rg.desc, fmt.Sprintf("mk panicked: %v", recovered))
		return nil, false
	case phase == "mk":
		c.findings.add(kindInput, rg.desc, "mk called runtime.Goexit")
		return nil, false
	case res.stream == nil:
		c.findings.add(kindInput, rg.desc, "mk returned a nil stream")
		return nil, false
	}
	c.checkEnd(rg, res, recovered, panicked)
	if !c.leaked {
		if msg := c.stacks.leaks(before, rg.goid.Load(), label, c.cfg.grace); msg != "" {
			c.leaked = true
			c.findings.add(kindLeak, rg.desc, msg)
		}
	}
	rg.report(c)
	return res, true
}

// checkEnd checks how the range statement ended against what its loop body
// did.
func (c *checker[T]) checkEnd(rg *ranging[T], res *result[T], recovered any, panicked bool) {
	want, bodyPanicked := rg.bodyPanic()
	_, aborted := recovered.(abort)
	switch {
	case bodyPanicked && res.returned:
		c.findings.add(kindPanic, rg.desc, fmt.Sprintf("the range statement returned normally; want the loop body's panic (%v) to come out of it", want))
	case bodyPanicked && !panicked:
		c.findings.add(kindPanic, rg.desc, fmt.Sprintf("the stream called runtime.Goexit; want the loop body's panic (%v) to come out of the range statement", want))
	case bodyPanicked && recovered != any(want) && !aborted:
		c.findings.add(kindPanic, rg.desc, fmt.Sprintf("the range statement panicked with %s; want the loop body's panic value (%v), unchanged", describe(recovered), want))
	case bodyPanicked || res.returned || aborted:
	case panicked:
		c.findings.add(kindStreamPanic, rg.desc, fmt.Sprintf("the stream panicked: %s", describe(recovered)))
	default:
		c.findings.add(kindStreamPanic, rg.desc, "the stream called runtime.Goexit")
	}
	// A stream unwound by abort has ended; the misuse is reported.
	res.returned = res.returned || aborted
}

// wait waits for the range to end and reports false if it made no
// progress for the time limit.
func (c *checker[T]) wait(rg *ranging[T], done <-chan struct{}) bool {
	t := time.NewTimer(c.cfg.limit)
	defer t.Stop()
	for {
		select {
		case <-done:
			return true
		case <-t.C:
			idle := time.Since(time.Unix(0, rg.moved.Load()))
			if idle < c.cfg.limit {
				t.Reset(c.cfg.limit - idle)
				continue
			}
			return false
		}
	}
}

// yield is the loop body.
func (rg *ranging[T]) yield(v T, err error) bool {
	if rg.active.Add(1) > 1 {
		rg.note(kindConcurrent, "yield was called while another call of yield had not returned; want one call at a time")
	}
	defer rg.active.Add(-1)

	rg.mu.Lock()
	switch rg.state {
	case stateStopped:
		rg.mu.Unlock()
		rg.note(kindAgain, fmt.Sprintf("yield was called again (with %s) after it returned false; want the stream to return", show(elem[T]{v, err})))
		rg.abortIfOwn()
		return false
	case statePanicked:
		rg.mu.Unlock()
		rg.note(kindAfterPanic, fmt.Sprintf("yield was called again (with %s) after the loop body panicked; want the panic to unwind the stream", show(elem[T]{v, err})))
		rg.abortIfOwn()
		return false
	case stateReturned:
		rg.mu.Unlock()
		rg.note(kindAfterReturn, fmt.Sprintf("yield was called (with %s) after the range statement returned; want no call once it has", show(elem[T]{v, err})))
		return false
	}
	i := len(rg.elems)
	e := elem[T]{v, err}
	rg.elems = append(rg.elems, e)
	rg.moved.Store(time.Now().UnixNano())

	if rg.cancelAt != -1 {
		switch {
		case i == rg.cancelAt:
			rg.cancel(rg.cause)
		case rg.cancelAt == cancelBefore || i > rg.cancelAt:
			// The loop body goes on after the cancel to see the stream end,
			// but not past cancelWithin elements, nor past one after the
			// cause (checkCancel reports both).
			n := i - rg.cancelAt // the how-manieth element after the cancel
			if rg.cancelAt == cancelBefore {
				n = i + 1
			}
			if rg.sawCause {
				rg.state = stateStopped
				rg.mu.Unlock()
				return false
			}
			rg.sawCause = matchesCause(err, rg.cause)
			if !rg.sawCause && n >= cancelWithin {
				rg.state = stateStopped
				rg.mu.Unlock()
				return false
			}
		}
	}
	switch i {
	case rg.panicAt:
		if id := goid(); id != rg.goid.Load() {
			rg.mu.Unlock()
			rg.note(kindGoroutine, fmt.Sprintf("yield was called on goroutine %d, not on the range statement's goroutine %d; a panic of the loop body there would crash the program", id, rg.goid.Load()))
			return false
		}
		rg.state = statePanicked
		rg.panicked = &bodyPanic{at: i}
		rg.mu.Unlock()
		panic(rg.panicked)
	case rg.breakAt:
		rg.state = stateStopped
		rg.mu.Unlock()
		return false
	}
	rg.mu.Unlock()
	return true
}

// abortIfOwn panics with abort when called on the range's goroutine, to
// unwind a stream that keeps calling yield; on any other goroutine a panic
// would crash the program, so yield just goes on returning false.
func (rg *ranging[T]) abortIfOwn() {
	if goid() == rg.goid.Load() {
		panic(abort{})
	}
}

// bodyPanic reports the value the loop body panicked with, if it did.
func (rg *ranging[T]) bodyPanic() (*bodyPanic, bool) {
	rg.mu.Lock()
	defer rg.mu.Unlock()
	if rg.state != statePanicked {
		return nil, false
	}
	return rg.panicked, true
}

// note records a misuse of yield, the first of each kind.
func (rg *ranging[T]) note(k kind, msg string) {
	rg.mu.Lock()
	defer rg.mu.Unlock()
	if rg.misuse == nil {
		rg.misuse = map[kind]string{}
	}
	if _, ok := rg.misuse[k]; !ok {
		rg.misuse[k] = msg
	}
}

// report adds the misuses of yield seen so far to c's findings.
func (rg *ranging[T]) report(c *checker[T]) {
	rg.mu.Lock()
	defer rg.mu.Unlock()
	for _, k := range kinds {
		if msg, ok := rg.misuse[k]; ok {
			c.findings.add(k, rg.desc, msg)
		}
	}
}

func (rg *ranging[T]) stuckMessage(limit time.Duration) string {
	rg.mu.Lock()
	defer rg.mu.Unlock()
	what := fmt.Sprintf("after the loop body received %d elements", len(rg.elems))
	switch rg.state {
	case stateStopped:
		what = fmt.Sprintf("after the loop body returned false at element %d", len(rg.elems)-1)
	case statePanicked:
		what = fmt.Sprintf("after the loop body panicked at element %d", len(rg.elems)-1)
	}
	if len(rg.elems) == 0 && rg.state == stateRunning {
		what = "with no element received"
	}
	return fmt.Sprintf("the range statement did not return: nothing happened for %v %s; want it to return (its goroutine is left running)", limit, what)
}

// goid returns the id of the calling goroutine, from the first line of its
// stack: "goroutine 18 [running]:".
func goid() int64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	const prefix = "goroutine "
	if len(b) < len(prefix) {
		return 0
	}
	b = b[len(prefix):]
	var id int64
	for _, ch := range b {
		if ch < '0' || ch > '9' {
			break
		}
		id = id*10 + int64(ch-'0')
	}
	return id
}
