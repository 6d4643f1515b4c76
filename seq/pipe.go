package seq

import (
	"context"
	"iter"
	"sync"
)

// A pipe runs streams on goroutines of their own and hands their elements
// to the consumer in arrival order; it is the engine of [Buffer] (one
// source) and [Merge] (many).
//
// Sources append to items under mu; the consumer swaps the whole slice out
// and yields from its copy without the lock, so a hand-off costs the
// source one lock and the consumer one lock per batch. Each source has a
// window that bounds how far it may run ahead of the consumer.
type pipe[T any] struct {
	name string // the operator's, for messages
	ctx  context.Context
	srcs []iter.Seq2[T, error]
	wins []window
	stop chan struct{} // closed when the consumer is done
	wg   sync.WaitGroup

	mu      sync.Mutex
	items   []pipeItem[T] // arrived and not yet taken by the consumer
	live    int           // sources still running
	halted  bool          // sources must stop: the consumer is done or a source failed
	stopped bool          // stop is closed
	cwait   bool          // the consumer sleeps on wake
	wake    chan struct{}
	late    *failure // a source failed after it was told to stop
}

// A pipeItem is an element, or a failure of its source when fail is set.
type pipeItem[T any] struct {
	v    T
	err  error
	src  int
	fail *failure
}

// runPipe is the body of the streams Buffer and Merge return.
func runPipe[T any](name string, ctx context.Context, srcs []iter.Seq2[T, error], ahead int, yield func(T, error) bool) {
	var zero T
	if ctx.Err() != nil {
		yield(zero, context.Cause(ctx))
		return
	}
	p := &pipe[T]{
		name: name,
		ctx:  ctx,
		srcs: srcs,
		wins: make([]window, len(srcs)),
		stop: make(chan struct{}),
		live: len(srcs),
		wake: make(chan struct{}, 1),
	}
	p.wg.Add(len(srcs))
	for i := range srcs {
		p.wins[i].init(ahead)
		go p.source(i)
	}
	normal := false
	defer func() {
		if !normal { // the loop body panicked or exited: its way out wins
			p.halt()
			p.wg.Wait()
		}
	}()
	fail, cause := p.consume(yield)
	p.halt()
	if cause {
		yield(zero, context.Cause(ctx))
	}
	p.wg.Wait()
	normal = true
	if fail == nil {
		fail = p.late
	}
	fail.raise()
}

// source runs source i on the calling goroutine.
func (p *pipe[T]) source(i int) {
	put := func(v T, err error) bool { return p.put(pipeItem[T]{v: v, err: err, src: i}) }
	feed(p.name, &p.wg, &p.wins[i], p.stop, p.srcs[i], put, p.finish)
}

func (p *pipe[T]) put(it pipeItem[T]) bool {
	p.mu.Lock()
	if p.halted {
		p.mu.Unlock()
		return false
	}
	p.items = append(p.items, it)
	if p.cwait {
		p.cwait = false
		wakeOne(p.wake)
	}
	p.mu.Unlock()
	return true
}

// finish records the end of a source. A source that fails while it is
// still producing fails the stream at that point; one that fails after it
// was told to stop (in its own cleanup) fails it when the range ends, as
// it would without the goroutine.
func (p *pipe[T]) finish(f *failure, told bool) {
	p.mu.Lock()
	p.live--
	switch {
	case f == nil:
	case told:
		if p.late == nil {
			p.late = f
		}
	default:
		p.items = append(p.items, pipeItem[T]{fail: f})
		p.halted = true
	}
	if p.cwait {
		p.cwait = false
		wakeOne(p.wake)
	}
	p.mu.Unlock()
}

// halt tells the sources to stop. It may be called more than once.
func (p *pipe[T]) halt() {
	p.mu.Lock()
	p.halted = true
	if !p.stopped {
		p.stopped = true
		close(p.stop)
	}
	p.mu.Unlock()
}

// consume hands elements to yield until the sources end, yield returns
// false, a failure is reached (returned) or ctx is done (cause is true).
func (p *pipe[T]) consume(yield func(T, error) bool) (fail *failure, cause bool) {
	done := p.ctx.Done()
	var local []pipeItem[T]
	for {
		p.mu.Lock()
		if len(p.items) == 0 {
			if p.live == 0 {
				p.mu.Unlock()
				return nil, doneCheck(done)
			}
			p.cwait = true
			p.mu.Unlock()
			select {
			case <-p.wake:
			case <-done:
				return nil, true
			}
			continue
		}
		local, p.items = p.items, local[:0]
		p.mu.Unlock()
		for i := range local {
			it := &local[i]
			if it.fail != nil {
				return it.fail, false
			}
			if doneCheck(done) {
				return nil, true
			}
			p.wins[it.src].release(1)
			if !yield(it.v, it.err) {
				return nil, false
			}
		}
		clear(local) // let the values go
	}
}
