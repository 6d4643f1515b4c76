//go:build !go1.24

package agen

import "runtime"

// addCleanup arranges for the generator's coroutine to be closed once l,
// and so every handle on it, is unreachable. Go 1.23 has no
// runtime.AddCleanup, so a finalizer on l does the same job; it only reads
// l.c, so resurrecting l for the finalizer is harmless. Calls keep their
// handle alive with runtime.KeepAlive until they have released the
// generator, so the finalizer never finds a call in flight.
func addCleanup[T, S any](l *lifetime[T, S]) {
	runtime.SetFinalizer(l, func(l *lifetime[T, S]) { l.c.abandon() })
}
