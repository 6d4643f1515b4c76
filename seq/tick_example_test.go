package seq_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/itergen/itergen/seq"
)

func ExampleTick() {
	// Poll every 10ms, three times; a context ends a poll loop that
	// runs for ever.
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	errDone := errors.New("polled enough")

	polls := 0
	for _, err := range seq.Tick(ctx, 10*time.Millisecond) {
		if err != nil {
			fmt.Println("stopped:", err)
			break
		}
		polls++
		fmt.Println("poll", polls)
		if polls == 3 {
			cancel(errDone)
		}
	}
	// Output:
	// poll 1
	// poll 2
	// poll 3
	// stopped: polled enough
}
