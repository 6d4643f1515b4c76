package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/itergen/itergen/agen"
)

// A stream only flows one way. A generator handle lets the consumer talk
// back: each Send resumes the generator with a value, the way asend does in
// Python. Here the consumer chooses the size of the next page.

// pageBudget is how long the consumer is happy to wait for one page.
const pageBudget = 50 * time.Millisecond

// firstPageSize is small so the first items arrive quickly, as a UI that
// shows results while it loads would want.
const firstPageSize = 5

// listPages is an async generator function: it fetches the list one page at a
// time and yields each page. What yield returns is the consumer's answer:
// the size of the next page after Send, 0 after Next, and agen.ErrClosed
// after Close.
func (c *client) listPages(ctx context.Context, yield func([]Item) (int, error)) error {
	fetched := 0
	// The deferred call is the generator's cleanup, its `finally`: it runs
	// however the generator ends, including when the consumer closes it
	// while it is suspended in yield.
	defer func() { c.p.printf("   generator: cleanup ran after %d pages\n", fetched) }()

	limit, cursor := firstPageSize, ""
	for {
		page, err := c.page(ctx, cursor, limit)
		if err != nil {
			return err // the consumer's Next or Send returns it
		}
		fetched++
		n, err := yield(page.Items)
		if err != nil {
			// agen.ErrClosed: the consumer is done. Returning it makes
			// Close return nil, after the deferred cleanup above.
			c.p.printf("   generator: yield returned %q, so it returns\n", err)
			return err
		}
		if n > 0 {
			limit = n
		}
		if page.Next == "" {
			return nil // the consumer's next call returns agen.ErrDone
		}
		cursor = page.Next
	}
}

// nextPageSize is the consumer's policy: double the page while pages come
// back within the budget, halve it when one is slow, and never ask for more
// items than are still wanted.
func nextPageSize(last int, took time.Duration, remaining int) int {
	n := last * 2
	if took > pageBudget {
		n = max(last/2, 1)
	}
	return min(n, remaining, maxLimit)
}

// generator drives a generator by hand: Next to start it, Send for each
// further page, and Close (deferred) to stop it before the list ends.
func (d *demo) generator(ctx context.Context) (err error) {
	d.p.printf("\n6. A generator driven by hand (agen): gather %d items, choosing each page size with Send\n", d.cfg.want)
	c := d.newClient()
	// New does not run anything yet; the first Next starts the generator.
	// The ctx given to New is the one its requests use.
	g := agen.New(ctx, c.listPages)
	// Close resumes a suspended generator with agen.ErrClosed and waits for
	// it to return, so its cleanup has run when Close does. Deferring it is
	// the rule for every generator one may stop using early; its error
	// becomes the step's error unless there is one already.
	defer func() {
		d.p.printf("   g.Close()\n")
		cerr := g.Close()
		d.p.printf("   g.Close() returned %v\n", cerr)
		if err == nil {
			err = cerr
		}
	}()

	var got []Item
	call, size := "g.Next()", firstPageSize
	start := time.Now()
	items, err := g.Next()
	for {
		took := time.Since(start)
		if errors.Is(err, agen.ErrDone) {
			d.p.printf("   %-11s → agen.ErrDone: the list ended with %d items\n", call, len(got))
			return nil
		}
		if err != nil {
			return err
		}
		got = append(got, items...)
		d.p.printf("   %-11s → %2d items in %3dms; have %d of %d\n",
			call, len(items), took.Milliseconds(), len(got), d.cfg.want)
		if len(got) >= d.cfg.want {
			d.p.printf("   enough: stop here, with the generator suspended in yield\n")
			return nil
		}
		size = nextPageSize(size, took, d.cfg.want-len(got))
		call = fmt.Sprintf("g.Send(%d)", size)
		start = time.Now()
		items, err = g.Send(size)
	}
}
