package agen

import "errors"

var (
	// ErrDone is returned by Next, Send and Throw when the generator has
	// no more elements: its function has returned, it was closed, or it
	// panicked. It is the Go form of StopAsyncIteration. A generator's
	// function must not return it (see [New]).
	ErrDone = errors.New("agen: generator is done")

	// ErrClosed is returned by yield inside a generator's function when
	// the consumer closes the generator: by Close, or by stopping a range
	// loop over Seq early. The function should clean up and return; Close
	// treats a returned ErrClosed as a normal end. It is the Go form of
	// GeneratorExit.
	ErrClosed = errors.New("agen: generator closed")

	// ErrRunning is returned by a call on a generator while another call
	// on it is running, whether from another goroutine or from inside the
	// generator's own function. The running call is not disturbed.
	ErrRunning = errors.New("agen: generator already running")

	// ErrIgnoredClose is returned by Close when the generator's function
	// (or the stream given to Pull) yielded again after being told to
	// stop.
	ErrIgnoredClose = errors.New("agen: generator yielded after being closed")

	// ErrNotStarted is returned by Send on a generator that has not
	// started: no yield is waiting to receive the value. Next starts it.
	ErrNotStarted = errors.New("agen: send to a generator that has not started")
)
