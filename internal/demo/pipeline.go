package main

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/itergen/itergen/collect"
	"github.com/itergen/itergen/seq"
)

// count is the smallest useful pipeline: seq.Paginate turns "follow the
// cursors until there are none" into a stream, and collect.Count consumes
// it. Nothing else is needed for the pagination loop.
func (d *demo) count(ctx context.Context) error {
	d.p.printf("\n1. Count the items: collect.Count(seq.Paginate(...)), pages of %d\n", maxLimit)
	c := d.newClient()
	start := time.Now()
	n, err := collect.Count(seq.Paginate(ctx, "", c.pager(maxLimit, false)))
	if err != nil {
		return err
	}
	d.total = n
	d.p.printf("   %d items in %s, %s\n", n, plural(c.pages.Load(), "page"), seconds(time.Since(start)))
	return nil
}

// sequentialDetails is the pipeline as it is usually written first: for
// each item of each page, fetch its details before asking for the next.
// TryMap turns a failed fetch into an error element at that item's place.
func sequentialDetails(ctx context.Context, c *client, pageSize int) iter.Seq2[Detail, error] {
	items := seq.Paginate(ctx, "", c.pager(pageSize, true))
	// TryMap's function takes no ctx: it runs inside the consumer's range
	// loop, so it can use the ctx of the code that built the pipeline.
	return seq.TryMap(items, func(it Item) (Detail, error) { return c.detail(ctx, it) })
}

// concurrentDetails is the same pipeline with two calls added.
// MapConcurrent keeps up to n detail requests going and hands the results
// over in the order of the items, so nothing downstream can tell the
// difference — except the time it takes.
//
// Paginate fetches a page only when asked for the item after the last one
// it has, and MapConcurrent asks for no more than n items ahead; without
// help the details would stall while each new page loads. Buffer runs
// Paginate on a goroutine of its own, up to a page ahead, so the next page
// is on its way while the details of this one are fetched.
func concurrentDetails(ctx context.Context, c *client, pageSize, n int) iter.Seq2[Detail, error] {
	items := seq.Buffer(ctx, seq.Paginate(ctx, "", c.pager(pageSize, true)), pageSize)
	return seq.MapConcurrent(ctx, items, n, c.detail)
}

// skipDeleted drops the errors for items deleted between being listed and
// being fetched, and passes everything else on, other errors included.
//
// Errors travel through a stream as elements, in place, so the consumer can
// decide per error whether to go on: seq.Catch calls the function for each
// error, and nil drops it.
func skipDeleted(s iter.Seq2[Detail, error], p *printer) iter.Seq2[Detail, error] {
	return seq.Catch(s, func(err error) error {
		if errors.Is(err, errNotFound) {
			p.printf("   skipped: %v (deleted after it was listed)\n", err)
			return nil
		}
		return err
	})
}

func (d *demo) sequential(ctx context.Context) error {
	d.p.printf("\n2. Sequential: seq.Paginate + seq.TryMap, one detail request at a time\n")
	c := d.newClient()
	start := time.Now()
	// collect.Slice stops at the first error element that skipDeleted lets
	// through and returns it: one failed request fails the pipeline.
	details, err := collect.Slice(skipDeleted(sequentialDetails(ctx, c, d.cfg.pageSize), d.p))
	if err != nil {
		return err
	}
	d.seqDetails, d.seqTime = details, time.Since(start)
	d.p.printf("   %d details in %s\n", len(details), seconds(d.seqTime))
	return nil
}

func (d *demo) concurrent(ctx context.Context) error {
	d.p.printf("\n3. Concurrent: seq.Paginate + seq.Buffer + seq.MapConcurrent, %d requests at a time\n", d.cfg.workers)
	c := d.newClient()
	start := time.Now()
	details, err := collect.Slice(skipDeleted(concurrentDetails(ctx, c, d.cfg.pageSize, d.cfg.workers), d.p))
	if err != nil {
		return err
	}
	d.conDetails, d.conTime = details, time.Since(start)
	d.p.printf("   %d details in %s, at most %d requests in flight at once\n",
		len(details), seconds(d.conTime), c.peak.Load())
	return nil
}

func (d *demo) compare(context.Context) error {
	d.p.printf("\n4. Results\n")
	if !slices.Equal(d.seqDetails, d.conDetails) {
		return fmt.Errorf("the pipelines disagree: sequential gave %d details, concurrent %d",
			len(d.seqDetails), len(d.conDetails))
	}
	d.p.printf("   both pipelines gave the same %d details (of %d items) in the same order\n",
		len(d.conDetails), d.total)
	if d.conTime > 0 {
		d.p.printf("   sequential %s, concurrent %s: %.1f× faster\n",
			seconds(d.seqTime), seconds(d.conTime), float64(d.seqTime)/float64(d.conTime))
	}

	// The results are a slice now; seq.Of makes a stream of it again, so
	// every consumer in collect works on it.
	byCategory, err := collect.GroupBy(seq.Of(d.conDetails...), func(x Detail) string { return x.Category })
	if err != nil {
		return err
	}
	var parts []string
	for _, cat := range slices.Sorted(maps.Keys(byCategory)) {
		parts = append(parts, fmt.Sprintf("%s %d", cat, len(byCategory[cat])))
	}
	d.p.printf("   by category (collect.GroupBy): %s\n", strings.Join(parts, " · "))
	return nil
}

// findCents is the price the early-exit step looks for.
const findCents = 9800

// earlyExit breaks out of a concurrent loop. The break is all the consumer
// does: before the range statement ends, MapConcurrent cancels the ctx it
// gave the detail requests still running and waits for them, and Buffer
// stops Paginate. A page fetch that Buffer had already started is waited
// for rather than cancelled, because Paginate uses the ctx it was built
// with, which the break does not cancel; that costs at most one page's
// latency. Cancelling that ctx (as Ctrl-C does) ends everything at once.
func (d *demo) earlyExit(ctx context.Context) error {
	d.p.printf("\n5. Early exit: find the first item priced %s or more, then break\n", dollars(findCents))
	c := d.newClient()
	var (
		found Detail
		ok    bool
	)
	for x, err := range skipDeleted(concurrentDetails(ctx, c, d.cfg.pageSize, d.cfg.workers), d.p) {
		if err != nil {
			return err
		}
		if x.PriceCents >= findCents {
			found, ok = x, true
			break
		}
	}
	if ok {
		d.p.printf("   found #%d %s at %s; break\n", found.ID, found.Name, dollars(found.PriceCents))
	} else {
		d.p.printf("   none of the %d items costs that much; the stream ended\n", d.total)
	}
	d.p.printf("   after the loop: %s, %s (%d cancelled mid-flight), %d still in flight\n",
		plural(c.pages.Load(), "page"), plural(c.started.Load(), "detail request"), c.aborted.Load(), c.inFlight.Load())
	return nil
}

func seconds(t time.Duration) string {
	return fmt.Sprintf("%.2fs", t.Seconds())
}

func dollars(cents int) string {
	return fmt.Sprintf("$%d.%02d", cents/100, cents%100)
}

func plural(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
