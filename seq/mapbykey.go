package seq

import (
	"context"
	"iter"
	"math"
)

// MapConcurrentByKey returns a stream of f applied to each value of s, with
// up to n calls of f running at once on goroutines of their own but never
// two calls for values of the same key. The results of one key come out in
// the order of s; results of different keys come out in the order their
// calls finish. Error elements of s have no key: they are passed on as
// they arrive.
//
// key is called once per value, on the goroutine that ranges over s, as
// the value is taken. A value whose key has a call of f in progress waits
// until that call, and the calls of the values of that key taken before
// it, have returned.
//
// The elements taken from s and not yet handed to the loop body (calls in
// progress, values waiting for their key, finished results and errors
// together) number at most max(4n, 64). When they are reached, s is not
// ranged further until the loop body takes a result. So a hot key that
// fills this window with its values runs them one at a time, and values of
// other keys further on in s wait; the stream slows down but goes on.
//
// Each range starts one goroutine that ranges over s and calls key, and,
// lazily, at most n that call f. A panic in f, key or s is raised as soon
// as the consumer notices it.
//
// Keeping track of the keys costs a map lookup per value. With a trivial
// f, 16 keys and n = 4 on two cores, an element costs about 110 ns, 1.4
// times what it costs in MapConcurrentUnordered.
//
// MapConcurrentByKey panics if ctx, s, key or f is nil or n is less than 1.
func MapConcurrentByKey[T, U any, K comparable](ctx context.Context, s iter.Seq2[T, error], n int, key func(T) K, f func(context.Context, T) (U, error)) iter.Seq2[U, error] {
	const name = "seq.MapConcurrentByKey"
	checkCrew(name, ctx, s, key == nil || f == nil, n)
	call := func(ctx context.Context, x keyed[T, K]) (U, error) { return f(ctx, x.v) }
	return func(yield func(U, error) bool) {
		var zero U
		if ctx.Err() != nil {
			yield(zero, context.Cause(ctx))
			return
		}
		u := &unordered[keyed[T, K], U]{
			f:    call,
			gate: newKeyGate[T, K](byKeyWindow(n)),
		}
		u.init(ctx, n, byKeyWindow(n), u.work)
		put := func(v T, err error) bool {
			var x keyed[T, K]
			if err == nil {
				x = keyed[T, K]{v: v, k: key(v)}
			}
			return u.put(x, err)
		}
		rangeCrew(name, &u.crew, s, put, u.end, u.consume, yield)
	}
}

// byKeyWindow is how many elements MapConcurrentByKey holds: max(4n, 64).
// Values waiting for their key hold slots too; a window wider than n lets
// the workers find values of other keys behind them.
func byKeyWindow(n int) int {
	if n > math.MaxInt/4 {
		return math.MaxInt
	}
	return max(4*n, 64)
}

// keyed is a value of s with its key and, once the gate admitted it, the
// state of the key.
type keyed[T any, K comparable] struct {
	v T
	k K
	q *keyQueue[T]
}

// A keyGate lets one value per key at a time reach the workers of a
// MapConcurrentByKey; it keeps the others in a queue per key, in the order
// of s.
type keyGate[T any, K comparable] struct {
	// keys holds the state of the keys seen lately. A key stays in it when
	// it goes idle, so that a key that comes back costs one lookup; idle
	// keys are swept out when limit keys are held. At most window keys
	// are busy (each holds an element), so a sweep at 2 × window keys
	// frees at least half and sweeps cost O(1) per key.
	keys  map[K]*keyQueue[T]
	limit int
	free  []*keyQueue[T] // swept states, for reuse
}

// keyQueue is the state of one key.
type keyQueue[T any] struct {
	busy bool     // a value of the key is waiting in the input queue or in f
	wait queue[T] // values that wait for it, in the order of s
}

func newKeyGate[T any, K comparable](window int) *keyGate[T, K] {
	limit := math.MaxInt
	if window <= math.MaxInt/2 {
		limit = 2 * window
	}
	return &keyGate[T, K]{keys: make(map[K]*keyQueue[T]), limit: limit}
}

func (g *keyGate[T, K]) admit(x keyed[T, K]) (keyed[T, K], bool) {
	q := g.keys[x.k]
	if q == nil {
		if len(g.keys) >= g.limit {
			g.sweep()
		}
		if k := len(g.free); k > 0 {
			q, g.free = g.free[k-1], g.free[:k-1]
		} else {
			q = new(keyQueue[T])
		}
		g.keys[x.k] = q
	}
	x.q = q
	if !q.busy {
		q.busy = true
		return x, true
	}
	q.wait.push(x.v)
	return x, false
}

func (g *keyGate[T, K]) done(x keyed[T, K]) (keyed[T, K], bool) {
	q := x.q
	if q.wait.len() == 0 {
		q.busy = false
		if cap(q.wait.vs) > 64 { // let a burst of one key go
			q.wait = queue[T]{}
		}
		return keyed[T, K]{}, false
	}
	x.v = q.wait.pop()
	return x, true
}

// sweep forgets the idle keys.
func (g *keyGate[T, K]) sweep() {
	busy := 0
	for k, q := range g.keys {
		if q.busy {
			busy++
			continue
		}
		delete(g.keys, k)
		g.free = append(g.free, q)
	}
	if len(g.keys) > busy {
		// Keys not equal to themselves (NaNs) cannot be deleted: keep the
		// busy keys in a new map.
		keys := make(map[K]*keyQueue[T], busy)
		for k, q := range g.keys {
			if q.busy {
				keys[k] = q
			}
		}
		g.keys = keys
	}
}
