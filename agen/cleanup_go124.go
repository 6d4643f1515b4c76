//go:build go1.24

package agen

import "runtime"

// addCleanup arranges for the generator's coroutine to be closed once g is
// unreachable. The cleanup receives only the inner state, so it does not keep
// g alive; calls keep g alive with runtime.KeepAlive until they have released
// busy, so the cleanup never finds a call in flight.
func addCleanup[T, S any](g *Generator[T, S]) {
	runtime.AddCleanup(g, (*core[T, S]).abandon, g.c)
}
