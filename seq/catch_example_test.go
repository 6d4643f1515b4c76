package seq_test

import (
	"errors"
	"fmt"

	"github.com/itergen/itergen/seq"
)

// NotFoundError reports one missing item; the stream goes on after it.
type NotFoundError struct{ ID int }

func (e *NotFoundError) Error() string { return fmt.Sprintf("item %d not found", e.ID) }

func ExampleCatch() {
	errDown := errors.New("connection reset")
	s := seq.Of("a", "b")
	s = seq.Concat(s, seq.Fail[string](&NotFoundError{ID: 3}), seq.Of("d"), seq.Fail[string](errDown))

	// Drop the items that are gone; any other error stays in the stream.
	skipMissing := seq.Catch(s, func(err error) error {
		var nf *NotFoundError
		if errors.As(err, &nf) {
			fmt.Println("skipped:", err)
			return nil
		}
		return err
	})
	for v, err := range skipMissing {
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Println(v)
	}
	// Output:
	// a
	// b
	// skipped: item 3 not found
	// d
	// error: connection reset
}
