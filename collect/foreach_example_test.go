package collect_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/itergen/itergen/collect"
	"github.com/itergen/itergen/seq"
)

func ExampleForEachConcurrent() {
	ctx := context.Background()
	var total atomic.Int64
	upload := func(ctx context.Context, size int) error {
		total.Add(int64(size)) // stands for a request
		return nil
	}
	// Up to 4 uploads at once.
	err := collect.ForEachConcurrent(ctx, seq.Of(10, 20, 30), 4, upload)
	fmt.Println(total.Load(), err)

	// The first error cancels the context of the calls in progress, stops
	// the stream and is returned once every call has returned.
	errFull := errors.New("disk full")
	err = collect.ForEachConcurrent(ctx, seq.Of(1, 2, 3), 4, func(ctx context.Context, v int) error {
		if v == 2 {
			return errFull
		}
		return nil
	})
	fmt.Println(err)
	// Output:
	// 60 <nil>
	// disk full
}
