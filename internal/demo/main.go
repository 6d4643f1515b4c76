// Command demo shows what itergen is for, on the classic case: a paginated
// HTTP API where every item needs a second request for its details.
//
// It starts the API in-process on a loopback port, with the latency of a
// real service, and then:
//
//  1. counts the items with collect.Count over seq.Paginate;
//  2. fetches every item's details one by one (seq.Paginate + seq.TryMap);
//  3. fetches them again with seq.MapConcurrent, 16 requests at a time;
//  4. checks that both pipelines gave the same results and how much faster
//     the concurrent one was, and groups them with collect.GroupBy;
//  5. breaks out of a concurrent loop early, to show that the requests
//     still running are cancelled and every goroutine ends with the loop;
//  6. drives an agen generator by hand, choosing each page's size with Send.
//
// Run it with `make demo` or `go run ./internal/demo`; -h lists the flags.
// Ctrl-C at any point cancels the context and the demo says what stopped.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// config is everything that makes one run of the demo differ from
// another; tests use a small, fast one.
type config struct {
	items         int     // how many items the API lists
	pageSize      int     // the page size the pipelines ask for
	workers       int     // n for seq.MapConcurrent: detail requests at once
	deletedID     int     // an item listed but 404 by the time its details are asked for; 0 for none
	failID        int     // an item whose details fail with a 500; 0 for none
	want          int     // items the hand-driven generator gathers before it stops
	pageLatency   latency // how long a list page takes
	detailLatency latency // how long one item's details take
}

func defaultConfig() config {
	return config{
		items:         120,
		pageSize:      20,
		workers:       16,
		deletedID:     77,
		want:          50,
		pageLatency:   latency{20 * time.Millisecond, 30 * time.Millisecond},
		detailLatency: latency{10 * time.Millisecond, 20 * time.Millisecond},
	}
}

func (cfg config) check() error {
	switch {
	case cfg.items < 1:
		return errors.New("items must be at least 1")
	case cfg.pageSize < 1 || cfg.pageSize > maxLimit:
		return fmt.Errorf("page size must be 1 to %d", maxLimit)
	case cfg.workers < 1:
		return errors.New("workers must be at least 1")
	case cfg.want < 1:
		return errors.New("want must be at least 1")
	}
	return nil
}

func main() {
	cfg := defaultConfig()
	flag.IntVar(&cfg.items, "items", cfg.items, "how many items the API lists")
	flag.IntVar(&cfg.workers, "workers", cfg.workers, "detail requests at once in the concurrent pipeline")
	flag.IntVar(&cfg.failID, "fail", cfg.failID, "make the details of this item fail with a 500, to see an error end the run")
	flag.Parse()

	// The context is the one thing that reaches every request and every
	// goroutine of the pipelines: cancelling it on Ctrl-C is the whole
	// shutdown procedure.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Stdout, cfg)
	interrupted := ctx.Err() != nil // read before stop, which cancels ctx too
	stop()
	switch {
	case err == nil:
	case interrupted:
		fmt.Fprintf(os.Stderr, "demo: interrupted: %v\n", err)
		os.Exit(130) // the shell's convention for "ended by SIGINT"
	default:
		fmt.Fprintf(os.Stderr, "demo: failed: %v\n", err)
		os.Exit(1)
	}
}

// run is the whole demo: it starts the API, runs the steps in order and
// writes what happens to out. It returns the first step's error, wrapped
// with the step's name; when ctx is cancelled that error matches
// context.Canceled, and by the time run returns no request or goroutine it
// started is left running.
func run(ctx context.Context, out io.Writer, cfg config) error {
	if err := cfg.check(); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	start := time.Now()
	srv := newServer(cfg)
	defer srv.Close()

	// The default transport keeps only 2 idle connections per host, so 16
	// concurrent requests would open and close connections all the time.
	// Keeping one per worker is what a real client of this API would do.
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = cfg.workers
	defer tr.CloseIdleConnections()

	d := &demo{
		cfg:  cfg,
		p:    &printer{w: out},
		base: srv.URL,
		hc:   &http.Client{Transport: tr},
	}
	d.p.printf("itergen demo: %d items behind a paginated JSON API at %s\n", cfg.items, srv.URL)
	d.p.printf("(a page takes %v, one item's details %v; press Ctrl-C any time to cancel)\n",
		cfg.pageLatency, cfg.detailLatency)

	steps := []struct {
		name string
		run  func(context.Context) error
	}{
		{"counting the items", d.count},
		{"the sequential pipeline", d.sequential},
		{"the concurrent pipeline", d.concurrent},
		{"comparing the results", d.compare},
		{"the early exit", d.earlyExit},
		{"the hand-driven generator", d.generator},
	}
	for _, s := range steps {
		if err := s.run(ctx); err != nil {
			if ctx.Err() != nil {
				d.interrupted(ctx, s.name)
			}
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	d.p.printf("\ndone in %.2fs\n", time.Since(start).Seconds())
	return nil
}

// demo holds what the steps share: the way to the API, the printer, and
// the results of the two pipelines, which a later step compares.
type demo struct {
	cfg  config
	p    *printer
	base string
	hc   *http.Client
	c    *client // the current step's client, for its counters

	total                  int // items listed, from the first step
	seqDetails, conDetails []Detail
	seqTime, conTime       time.Duration
}

// newClient gives each step fresh counters.
func (d *demo) newClient() *client {
	d.c = newClient(d.base, d.hc, d.p)
	return d.c
}

// interrupted reports a cancellation. By the time a step returns, the
// pipeline it ranged over has cancelled its requests and waited for its
// goroutines, so the in-flight count it prints is 0 — that is the point.
func (d *demo) interrupted(ctx context.Context, step string) {
	d.p.printf("\ninterrupted during %s: %v\n", step, context.Cause(ctx))
	if d.c != nil {
		d.p.printf("   cancelled cleanly: %d detail requests in flight, every pipeline goroutine ended\n",
			d.c.inFlight.Load())
	}
}
