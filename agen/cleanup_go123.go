//go:build !go1.24

package agen

import "runtime"

// addCleanup arranges for the generator's coroutine to be closed once g is
// unreachable. Go 1.23 has no runtime.AddCleanup, so a finalizer on g does
// the same job; it only reads g.c, so resurrecting g for the finalizer is
// harmless. Calls keep g alive with runtime.KeepAlive until they have
// released busy, so the finalizer never finds a call in flight.
func addCleanup[T, S any](g *Generator[T, S]) {
	runtime.SetFinalizer(g, func(g *Generator[T, S]) { g.c.abandon() })
}
