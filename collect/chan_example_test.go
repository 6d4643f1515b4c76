package collect_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/itergen/itergen/collect"
	"github.com/itergen/itergen/seq"
)

func ExampleChan() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel() // releases the goroutine if the loop below stops early

	errBroken := errors.New("broken record")
	records := seq.Concat(seq.Of("a", "b"), seq.Fail[string](errBroken), seq.Of("c"))
	ch, wait := collect.Chan(ctx, records, 1)
	for r := range ch { // the channel closes at the error
		fmt.Println(r)
	}
	if err := wait(); err != nil {
		fmt.Println("error:", err)
	}
	// Output:
	// a
	// b
	// error: broken record
}
