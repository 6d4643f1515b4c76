package seq_test

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/itergen/itergen/seq"
)

func ExampleMapConcurrentWindow() {
	ctx := context.Background()
	fetch := func(ctx context.Context, id int) (string, error) {
		return fmt.Sprintf("doc %d", id), nil // stands for a request of varying latency
	}
	ids := seq.Of(1, 2, 3, 4, 5)
	// Up to 2 requests at once, and up to 32 results held while a slow one
	// is awaited; results in the order of ids.
	for doc, err := range seq.MapConcurrentWindow(ctx, ids, 2, 32, fetch) {
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(doc)
	}
	// Output:
	// doc 1
	// doc 2
	// doc 3
	// doc 4
	// doc 5
}

func ExampleMapConcurrentByKey() {
	ctx := context.Background()
	type event struct {
		account string
		amount  int
	}
	events := seq.Of(
		event{"alice", 10}, event{"bob", 5}, event{"alice", -3},
		event{"bob", 7}, event{"alice", 1},
	)
	balance := map[string]*int{"alice": new(int), "bob": new(int)}
	apply := func(ctx context.Context, e event) (string, error) {
		b := balance[e.account] // the calls of one account never overlap: no lock
		*b += e.amount
		return fmt.Sprintf("%s %+d = %d", e.account, e.amount, *b), nil
	}
	account := func(e event) string { return e.account }
	var lines []string
	for line, err := range seq.MapConcurrentByKey(ctx, events, 4, account, apply) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		lines = append(lines, line)
	}
	// The accounts' results interleave in completion order; each account's
	// come in the order of its events. Group them by account to print.
	slices.SortStableFunc(lines, func(a, b string) int {
		return strings.Compare(strings.Fields(a)[0], strings.Fields(b)[0])
	})
	for _, line := range lines {
		fmt.Println(line)
	}
	// Output:
	// alice +10 = 10
	// alice -3 = 7
	// alice +1 = 8
	// bob +5 = 5
	// bob +7 = 12
}
