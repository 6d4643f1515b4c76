// Package seq builds and transforms streams: iterators of type
// iter.Seq2[T, error] whose elements are values or errors.
package seq
