// Package collect consumes streams: the Go answer to Python's
// [x async for x in g].
package collect
