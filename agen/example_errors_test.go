package agen_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/itergen/itergen/agen"
)

// A function that passes on the end of an inner generator as its own error
// would stop the consumer as if it were done. The consumer gets an error
// that names the mistake instead (PEP 479).
func Example_errDone() {
	ctx := context.Background()
	inner := agen.New(ctx, func(ctx context.Context, yield func(int) (struct{}, error)) error {
		_, err := yield(1)
		return err
	})
	outer := agen.New(ctx, func(ctx context.Context, yield func(int) (struct{}, error)) error {
		for {
			v, err := inner.Next()
			if err != nil {
				return err // should be: if err == agen.ErrDone { return nil }
			}
			if _, err := yield(v * 10); err != nil {
				return err
			}
		}
	})
	defer outer.Close()
	for v, err := range outer.All() {
		if err != nil {
			fmt.Println("matches ErrDone:", errors.Is(err, agen.ErrDone))
			fmt.Println(err)
			break
		}
		fmt.Println(v)
	}
	// Output:
	// 10
	// matches ErrDone: false
	// agen: generator function returned an error matching ErrDone (return nil to end a generator): agen: generator is done
}

// A generator refuses a call made while it is running, here from inside its
// own function.
func Example_errRunning() {
	var g *agen.Generator[int, struct{}]
	g = agen.New(context.Background(), func(ctx context.Context, yield func(int) (struct{}, error)) error {
		_, err := g.Next()
		fmt.Println("inner Next:", err)
		_, err = yield(1)
		return err
	})
	defer g.Close()
	v, err := g.Next()
	fmt.Println("outer Next:", v, err)
	// Output:
	// inner Next: agen: generator already running
	// outer Next: 1 <nil>
}

// A function that ignores ErrClosed and yields again is finished all the
// same, and Close reports the mistake.
func Example_errIgnoredClose() {
	g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (struct{}, error)) error {
		for i := range 3 {
			_, err := yield(i) // err ignored: a bug
			fmt.Println("yield", i, "returned", err)
		}
		return nil
	})
	g.Next()
	fmt.Println("Close:", g.Close())
	// Output:
	// yield 0 returned agen: generator closed
	// yield 1 returned agen: generator closed
	// yield 2 returned agen: generator closed
	// Close: agen: generator yielded after being closed
}
