//go:build go1.24

package agen

import "runtime"

// addCleanup arranges for the generator's coroutine to be closed once l,
// and so every handle on it, is unreachable. The cleanup receives only the
// inner state, so it does not keep l alive; calls keep their handle alive
// with runtime.KeepAlive until they have released the generator, so the
// cleanup never finds a call in flight.
func addCleanup[T, S any](l *lifetime[T, S]) {
	runtime.AddCleanup(l, (*core[T, S]).abandon, l.c)
}
