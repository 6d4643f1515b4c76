package seqtest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"time"
)

// The limits of a check, stated in the package doc.
const (
	// cutLength is how many elements a range takes at most: the break
	// positions checked are 0 … cutLength-1, and a stream that has more
	// elements is cut after cutLength+1 of them.
	cutLength = 100
	// gracePeriod is how long the goroutines a stream started may take to
	// end after the range statement returned.
	gracePeriod = 500 * time.Millisecond
	// timeLimit is how long a range may go without progress — no element,
	// and not returning — before it counts as stuck.
	timeLimit = 3 * time.Second
	// cancelWithin is how many elements a stream may yield after its ctx
	// is cancelled, the error matching the cause included.
	cancelWithin = 10
)

// An Option adds checks to [TestStream]. The zero Option adds none.
type Option struct {
	apply func(*config)
}

type config struct {
	reiterable  bool
	cancellable bool
	grace       time.Duration
	limit       time.Duration
}

// Reiterable makes [TestStream] also range one stream twice, to the end (or
// to the cut), and report a second range whose elements differ from the
// first's. Use it for streams that document that each range starts afresh.
func Reiterable() Option {
	return Option{func(c *config) { c.reiterable = true }}
}

// Cancellable makes [TestStream] also cancel the ctx given to mk — once
// before the range starts, and during ranges, right after the first element
// and after one in the middle — and report a stream that does not then end
// within 10 elements with an error matching [context.Cause] of the ctx. The
// cause is an error of TestStream's own, so a stream that yields
// ctx.Err() instead is caught. A stream that, cancelled during a range,
// ends exactly where a range without cancelling ends passes without the
// error, and so does an empty stream cancelled before its range.
func Cancellable() Option {
	return Option{func(c *config) { c.cancellable = true }}
}

// TestStream checks that the streams mk returns keep the stream contract
// (see the package doc) and returns nil, or an error that describes every
// breach it found: which range, where it broke or panicked, what happened
// and what was expected.
//
// TestStream calls mk once for each range it makes, except that the second
// range of [Reiterable] ranges the stream of the first again, so mk must
// return a fresh stream on every call — over fresh one-shot sources, such
// as a new channel or reader, when the stream is single use. It runs every
// range on a goroutine of its own, one range at a time, and returns an
// error, rather than panicking, when mk is nil, returns nil or panics.
func TestStream[T any](mk func(ctx context.Context) iter.Seq2[T, error], opts ...Option) error {
	cfg := config{grace: gracePeriod, limit: timeLimit}
	for _, o := range opts {
		if o.apply != nil {
			o.apply(&cfg)
		}
	}
	if mk == nil {
		return errors.New("seqtest.TestStream: mk is nil")
	}
	c := &checker[T]{mk: mk, cfg: cfg}
	defer c.release()
	c.check()
	return c.err()
}

// checker holds what one call of TestStream has learnt.
type checker[T any] struct {
	mk  func(ctx context.Context) iter.Seq2[T, error]
	cfg config

	ranges   int
	full     []elem[T] // the elements of the full range, cut after cutLength+1
	cut      bool      // the full range was cut: the stream is longer
	findings findings
	leaked   bool                 // a leak was reported: later ranges skip the wait
	cancels  []context.CancelFunc // the ctx of every range, cancelled at the end
	stacks   stacks
}

// check runs every range, stopping at the first range that cannot be
// trusted to have ended: a range that is stuck, or a stream mk could not
// build.
func (c *checker[T]) check() {
	r, ok := c.run(plan{desc: "full range", breakAt: cutLength, panicAt: -1, cancelAt: -1}, nil, nil)
	if !ok {
		return
	}
	if !r.returned {
		return // what the stream did instead was reported by run
	}
	c.full = r.elems
	c.cut = len(c.full) > cutLength

	// Break after each element. The full range is the break at cutLength.
	for k := 0; k < min(len(c.full), cutLength); k++ {
		p := plan{desc: fmt.Sprintf("break at element %d", k), breakAt: k, panicAt: -1, cancelAt: -1}
		r, ok := c.run(p, nil, nil)
		if !ok {
			return
		}
		c.comparePrefix(r, r.elems, k+1)
	}

	// A panic of the loop body, at the first element and in the middle.
	for _, at := range positions(len(c.full)) {
		p := plan{desc: fmt.Sprintf("loop body panic at element %d", at), breakAt: -1, panicAt: at, cancelAt: -1}
		if _, ok := c.run(p, nil, nil); !ok {
			return
		}
	}

	if c.cfg.reiterable && !c.reiterate() {
		return
	}
	if c.cfg.cancellable {
		c.cancelRanges()
	}
}

// positions returns the element positions where a range of a stream of n
// elements panics or cancels: the first and the middle one.
func positions(n int) []int {
	switch n = min(n, cutLength); {
	case n == 0:
		return nil
	case n < 3:
		return []int{0}
	default:
		return []int{0, n / 2}
	}
}

// reiterate ranges one stream twice and compares the ranges.
func (c *checker[T]) reiterate() bool {
	p := plan{desc: "first of two ranges of one stream (Reiterable)", breakAt: cutLength, panicAt: -1, cancelAt: -1}
	ctx, cancel := c.context()
	r1, ok := c.run(p, ctx, nil)
	if !ok || !r1.returned {
		return ok
	}
	p.desc = "second range of one stream (Reiterable)"
	r2, ok := c.run(p, ctx, r1.stream)
	if !ok {
		return false
	}
	cancel()
	if r2.returned {
		if d := diff(r2.elems, r1.elems, len(r1.elems)+1); d != "" {
			c.findings.add(kindReiterate, r2.desc, d+" as in the first range")
		}
	}
	return true
}

// cancelRanges cancels the ctx before a range and during ranges.
func (c *checker[T]) cancelRanges() {
	p := plan{desc: "ctx cancelled before the range (Cancellable)", breakAt: -1, panicAt: -1, cancelAt: cancelBefore}
	r, ok := c.run(p, nil, nil)
	if !ok {
		return
	}
	c.checkCancel(p, r)
	for _, at := range positions(len(c.full)) {
		p := plan{desc: fmt.Sprintf("ctx cancelled at element %d (Cancellable)", at), breakAt: -1, panicAt: -1, cancelAt: at}
		r, ok := c.run(p, nil, nil)
		if !ok {
			return
		}
		c.comparePrefix(r, r.elems[:min(len(r.elems), at+1)], at+1)
		c.checkCancel(p, r)
	}
}

// checkCancel checks how a range whose ctx was cancelled ended.
func (c *checker[T]) checkCancel(p plan, r *result[T]) {
	if !r.returned {
		return // reported already
	}
	after := r.elems
	if p.cancelAt != cancelBefore {
		after = r.elems[min(p.cancelAt+1, len(r.elems)):]
	}
	for i, e := range after {
		if !matchesCause(e.err, r.cause) {
			continue
		}
		if i >= cancelWithin {
			c.findings.add(kindCancel, r.desc, fmt.Sprintf("the error matching context.Cause(ctx) came %s after the cancel; want it within %d", elements(i+1), cancelWithin))
		}
		if i+1 < len(after) {
			c.findings.add(kindCancel, r.desc, fmt.Sprintf("the stream yielded %s after the error matching context.Cause(ctx); want it to end there", show(after[i+1])))
		}
		return
	}
	// A range that ends where it would have ended anyway has nothing left
	// to cancel.
	if !c.cut && len(r.elems) == len(c.full) && diff(r.elems, c.full, len(c.full)) == "" && (p.cancelAt != cancelBefore || len(c.full) == 0) {
		return
	}
	want := fmt.Sprintf("want the stream to end within %d elements with an error matching context.Cause(ctx) (%q)", cancelWithin, r.cause.Error())
	switch {
	case len(after) >= cancelWithin:
		c.findings.add(kindCancel, r.desc, fmt.Sprintf("the stream went on for %s after the cancel without ending (the loop body broke there); %s", elements(len(after)), want))
	case len(after) == 0:
		c.findings.add(kindCancel, r.desc, "the stream ended with no element after the cancel; "+want)
	default:
		last := after[len(after)-1]
		msg := fmt.Sprintf("the stream ended %s after the cancel, the last of them %s; %s", elements(len(after)), show(last), want)
		if errors.Is(last.err, context.Canceled) {
			msg += " — it matches ctx.Err(), not the cause: yield context.Cause(ctx)"
		}
		c.findings.add(kindCancel, r.desc, msg)
	}
}

// comparePrefix reports a range whose first n elements differ from the
// full range's.
func (c *checker[T]) comparePrefix(r *result[T], got []elem[T], n int) {
	if d := diff(got, c.full[:min(n, len(c.full))], n); d != "" {
		c.findings.add(kindPrefix, r.desc, d+" as in a full range")
	}
}

// context returns a fresh ctx for mk, cancelled when the check ends.
func (c *checker[T]) context() (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	c.cancels = append(c.cancels, cancel)
	return ctx, cancel
}

// release cancels the ctx of every range, so that goroutines a stream left
// behind and that watch their ctx can end.
func (c *checker[T]) release() {
	for _, cancel := range c.cancels {
		cancel()
	}
}

func (c *checker[T]) err() error {
	return c.findings.err()
}

// matchesCause reports whether err is the cause of a cancelled ctx: it
// matches with errors.Is or carries its message.
func matchesCause(err, cause error) bool {
	return err != nil && (errors.Is(err, cause) || containsMessage(err, cause))
}
