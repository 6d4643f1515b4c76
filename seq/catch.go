package seq

import "iter"

// Catch returns s with its error elements handled by f. f is called once
// for each error element, in order, on the consumer's goroutine: if it
// returns nil the element is dropped, otherwise the error it returns takes
// the element's place. Values pass unchanged.
//
// Dropping every error (f always returns nil) also drops an error that
// ended s, such as a failed read or a cancelled context: the stream then
// just looks shorter. Drop only the errors you expect and pass the rest on,
// for example those of one per-element error type:
//
//	seq.Catch(s, func(err error) error {
//		var nf *NotFoundError
//		if errors.As(err, &nf) {
//			return nil // this element is gone; the stream goes on
//		}
//		return err
//	})
//
// Catch panics if s or f is nil.
func Catch[T any](s iter.Seq2[T, error], f func(error) error) iter.Seq2[T, error] {
	checkStream("seq.Catch", s)
	checkFunc("seq.Catch", f == nil)
	return func(yield func(T, error) bool) {
		var zero T
		for v, err := range s {
			if err != nil {
				if err = f(err); err == nil {
					continue
				}
				v = zero
			}
			if !yield(v, err) {
				return
			}
		}
	}
}
