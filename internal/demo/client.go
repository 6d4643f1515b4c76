package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
)

// errNotFound marks a 404 from the API. The pipelines look for it with
// errors.Is to tell a deleted item (skip it) from a real failure (stop).
var errNotFound = errors.New("404 not found")

// client is an ordinary net/http client for the API. It knows nothing about
// itergen: its two methods have the shapes seq.Paginate and
// seq.MapConcurrent expect, and that is all the library needs.
//
// It counts what it does, so the demo can show how much work a pipeline
// started and that none of it is still running once the loop is over.
type client struct {
	base string
	hc   *http.Client
	p    *printer

	pages    atomic.Int64 // list pages fetched
	started  atomic.Int64 // detail requests started
	done     atomic.Int64 // detail requests finished, successfully or not
	inFlight atomic.Int64 // detail requests started and not finished
	aborted  atomic.Int64 // detail requests ended by the cancellation of their ctx
	peak     atomic.Int64 // the most detail requests ever in flight at once
}

func newClient(base string, hc *http.Client, p *printer) *client {
	return &client{base: base, hc: hc, p: p}
}

// page fetches one page of the list. An empty cursor asks for the first.
func (c *client) page(ctx context.Context, cursor string, limit int) (listPage, error) {
	q := url.Values{"limit": {strconv.Itoa(limit)}}
	if cursor != "" {
		q.Set("cursor", cursor)
	}
	var page listPage
	err := c.get(ctx, "/items?"+q.Encode(), &page)
	return page, err
}

// pager returns the fetch function for seq.Paginate: given a cursor, the
// page's items and the cursor of the next page, empty at the end. Paginate
// owns the loop — following cursors, stopping when the consumer breaks or
// ctx is done — so this function only has to fetch one page.
//
// It prints one progress line per page; with details set, the line also
// says how the detail requests stand as the page arrives.
func (c *client) pager(limit int, details bool) func(context.Context, string) ([]Item, string, error) {
	return func(ctx context.Context, cursor string) ([]Item, string, error) {
		page, err := c.page(ctx, cursor, limit)
		if err != nil {
			return nil, "", err
		}
		n := c.pages.Add(1)
		next := "no next cursor"
		if page.Next != "" {
			next = "next cursor " + strconv.Quote(page.Next)
		}
		if details {
			c.p.printf("   page %d: %d items, %s · details so far: %d done, %d in flight\n",
				n, len(page.Items), next, c.done.Load(), c.inFlight.Load())
		} else {
			c.p.printf("   page %d: %d items, %s\n", n, len(page.Items), next)
		}
		return page.Items, page.Next, nil
	}
}

// detail fetches the details of one item. It takes the ctx first, as
// seq.MapConcurrent wants: MapConcurrent cancels that ctx when the consumer
// stops early, which aborts the HTTP request in flight.
func (c *client) detail(ctx context.Context, it Item) (Detail, error) {
	c.started.Add(1)
	now := c.inFlight.Add(1)
	for {
		peak := c.peak.Load()
		if now <= peak || c.peak.CompareAndSwap(peak, now) {
			break
		}
	}
	defer func() {
		c.inFlight.Add(-1)
		c.done.Add(1)
	}()

	var d Detail
	err := c.get(ctx, "/items/"+strconv.Itoa(it.ID), &d)
	if err != nil && ctx.Err() != nil {
		c.aborted.Add(1)
	}
	return d, err
}

// get does one GET and decodes the JSON answer into v.
func (c *client) get(ctx context.Context, path string, v any) error {
	// The request carries ctx: cancelling it (Ctrl-C, or a pipeline
	// stopping early) aborts the request, and the server sees that too.
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer func() {
		// Reading to the end lets the transport reuse the connection.
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}()

	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotFound:
		return fmt.Errorf("GET %s: %w", path, errNotFound)
	default:
		var body struct {
			Error string `json:"error"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&body) // best effort: the status says enough
		return fmt.Errorf("GET %s: %s: %s", path, resp.Status, body.Error)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("GET %s: decoding the answer: %w", path, err)
	}
	return nil
}

// printer serialises progress lines. The page fetch function may run on a
// goroutine of seq.MapConcurrent while the consumer prints too, so writes
// to out go through one lock.
type printer struct {
	mu sync.Mutex
	w  io.Writer
}

func (p *printer) printf(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, format, args...)
}
