package agen_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/itergen/itergen/agen"
	"github.com/itergen/itergen/seq"
)

// Python's
//
//	def foo():
//	    yield 1
//	    yield 2
//
//	def bar():
//	    yield from foo()
//	    yield 42
//
// with foo a plain stream and bar a generator function.
func ExampleYieldFrom() {
	foo := seq.Of(1, 2)
	bar := func(ctx context.Context, yield func(int) (struct{}, error)) error {
		if err := agen.YieldFrom(yield, foo); err != nil {
			return err
		}
		_, err := yield(42)
		return err
	}

	g := agen.New(context.Background(), bar)
	defer g.Close()
	for v, err := range g.All() {
		fmt.Println(v, err)
	}
	// Output:
	// 1 <nil>
	// 2 <nil>
	// 42 <nil>
}

// The accumulator of PEP 380, which introduced yield from:
//
//	def accumulate():
//	    tally = 0
//	    while 1:
//	        next = yield
//	        if next is None:
//	            return tally
//	        tally += next
//
//	def gather_tallies(tallies):
//	    while 1:
//	        tally = yield from accumulate()
//	        tallies.append(tally)
//
// Go has no None to send, so the consumer ends a tally by throwing
// errEndTally in, which accumulate catches. The values sent and the error
// thrown reach accumulate through gatherTallies, and the tally comes back to
// gatherTallies through a variable.
func Example_delegation() {
	errEndTally := errors.New("end of tally")
	accumulate := func(tally *int) agen.Func[struct{}, int] {
		return func(ctx context.Context, yield func(struct{}) (int, error)) error {
			for {
				n, err := yield(struct{}{})
				if errors.Is(err, errEndTally) {
					return nil
				}
				if err != nil {
					return err
				}
				*tally += n
			}
		}
	}
	var tallies []int
	gatherTallies := func(ctx context.Context, yield func(struct{}) (int, error)) error {
		for {
			tally := 0
			if err := accumulate(&tally)(ctx, yield); err != nil {
				return err
			}
			tallies = append(tallies, tally)
		}
	}

	g := agen.New(context.Background(), gatherTallies)
	defer g.Close()
	g.Next() // run up to accumulate's first yield
	for i := range 4 {
		g.Send(i)
	}
	g.Throw(errEndTally)
	for i := range 5 {
		g.Send(i)
	}
	g.Throw(errEndTally)
	fmt.Println(tallies)
	// Output:
	// [6 10]
}
