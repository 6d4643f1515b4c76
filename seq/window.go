package seq

import (
	"sync/atomic"
)

// A window bounds how many elements one producing goroutine may hold ahead
// of the consumer. The producer calls add after it has handed an element
// over; add returns once there is room for one more, so that at most n
// elements are ever taken and not yet released. The consumer calls release
// as it takes elements. Only one goroutine may call add.
//
// Both sides touch one atomic counter per element; the producer sleeps on a
// channel only when the window is full, and the consumer sends on it only
// when the producer sleeps.
type window struct {
	n       int64
	count   atomic.Int64
	waiting atomic.Bool
	wake    chan struct{}
}

func (w *window) init(n int) {
	w.n = int64(n)
	w.wake = make(chan struct{}, 1)
}

// add counts one more element and waits until there is room for the next.
// It reports false if stop was closed first.
func (w *window) add(stop <-chan struct{}) bool {
	if w.count.Add(1) < w.n {
		return true
	}
	for {
		w.waiting.Store(true)
		// The consumer may have released before it could see waiting: look
		// again, and take the wake-up back if it is not needed.
		if w.count.Load() < w.n && w.waiting.CompareAndSwap(true, false) {
			return true
		}
		select {
		case <-w.wake:
			// A wake-up can be stale: a release that saw waiting still set
			// from an earlier add, whose room that add already took. Only
			// the count says whether there is room now.
			if w.count.Load() < w.n {
				return true
			}
		case <-stop:
			return false
		}
	}
}

// release gives k elements back.
func (w *window) release(k int64) {
	w.count.Add(-k)
	if w.waiting.Load() && w.waiting.CompareAndSwap(true, false) {
		wakeOne(w.wake)
	}
}

// doneCheck reports whether a context is done without locking: the nil
// channel of a context that is never cancelled costs one comparison.
func doneCheck(done <-chan struct{}) bool {
	if done == nil {
		return false
	}
	select {
	case <-done:
		return true
	default:
		return false
	}
}

// wakeOne wakes a goroutine sleeping on c, a channel of capacity 1, without
// ever blocking.
func wakeOne(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// A queue holds the inputs of an unordered crew that wait for a worker, in
// the order they came. Its owner guards it.
type queue[T any] struct {
	vs   []T // vs[head:] wait
	head int
}

func (q *queue[T]) len() int { return len(q.vs) - q.head }

func (q *queue[T]) push(v T) { q.vs = append(q.vs, v) }

// pop takes the first input; the queue must not be empty. It reuses the
// space of taken inputs, so that a queue that never empties does not grow.
func (q *queue[T]) pop() T {
	v := q.vs[q.head]
	var zero T
	q.vs[q.head] = zero
	q.head++
	switch {
	case q.head == len(q.vs):
		q.vs, q.head = q.vs[:0], 0
	case q.head >= 64 && 2*q.head >= len(q.vs):
		k := copy(q.vs, q.vs[q.head:])
		clear(q.vs[k:])
		q.vs, q.head = q.vs[:k], 0
	}
	return v
}
