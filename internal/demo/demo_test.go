package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// TestMain fails the run if any test leaves a goroutine behind: a pipeline,
// a generator, an HTTP connection or a server handler.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// smallConfig is the demo shrunk for tests: 12 items, pages of 5, no
// latency, item 7 deleted after listing.
func smallConfig() config {
	return config{
		items:     12,
		pageSize:  5,
		workers:   4,
		deletedID: 7,
		want:      8,
	}
}

// wantInOrder checks that out contains lines in this order.
func wantInOrder(t *testing.T, out string, lines ...string) {
	t.Helper()
	if !containsInOrder(out, lines) {
		t.Errorf("output lacks, in this order:\n\t%s\noutput:\n%s", strings.Join(lines, "\n\t"), out)
	}
}

func TestRun(t *testing.T) {
	tests := []struct {
		name  string
		want  int
		lines []string
	}{{
		name: "generator closed early",
		want: 8,
		lines: []string{
			"1. Count the items",
			"12 items in 1 page,",
			"2. Sequential",
			"skipped: GET /items/7: 404 not found",
			"11 details in",
			"3. Concurrent",
			"11 details in",
			"both pipelines gave the same 11 details (of 12 items) in the same order",
			"by category (collect.GroupBy): books 2 · games 2 · garden 3 · kitchen 2 · tools 2",
			"5. Early exit",
			"none of the 12 items costs that much",
			"0 still in flight",
			"6. A generator driven by hand",
			"g.Next()    →  5 items",
			"g.Send(3)   →  3 items",
			"enough: stop here",
			"g.Close()\n",
			`generator: yield returned "agen: generator closed"`,
			"generator: cleanup ran after 2 pages",
			"g.Close() returned <nil>",
			"done in",
		},
	}, {
		name: "list ends first",
		want: 50,
		lines: []string{
			"6. A generator driven by hand",
			"g.Next()    →  5 items",
			"g.Send(10)  →  7 items",
			"generator: cleanup ran after 2 pages",
			"g.Send(20)  → agen.ErrDone: the list ended with 12 items",
			"g.Close()\n",
			"g.Close() returned <nil>",
			"done in",
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := smallConfig()
			cfg.want = tt.want
			var out bytes.Buffer
			if err := run(context.Background(), &out, cfg); err != nil {
				t.Fatalf("run(%+v) = %v, want nil; output:\n%s", cfg, err, out.String())
			}
			wantInOrder(t, out.String(), tt.lines...)
		})
	}
}

func TestRunFailure(t *testing.T) {
	cfg := smallConfig()
	cfg.failID = 4
	var out bytes.Buffer
	err := run(context.Background(), &out, cfg)
	if err == nil {
		t.Fatalf("run with failing item 4 = nil, want an error; output:\n%s", out.String())
	}
	want := "the sequential pipeline: GET /items/4: 500 Internal Server Error: database unavailable"
	if err.Error() != want {
		t.Errorf("run with failing item 4 = %q, want %q", err, want)
	}
	if errors.Is(err, context.Canceled) {
		t.Errorf("run with failing item 4 = %v, which matches context.Canceled; want it not to", err)
	}
}

func TestRunBadConfig(t *testing.T) {
	cfg := smallConfig()
	cfg.workers = 0
	var out bytes.Buffer
	if err := run(context.Background(), &out, cfg); err == nil || !strings.Contains(err.Error(), "workers") {
		t.Errorf("run with 0 workers = %v, want an error about workers", err)
	}
	if out.Len() != 0 {
		t.Errorf("run with 0 workers wrote %q, want nothing", out.String())
	}
}

func TestNextPageSize(t *testing.T) {
	tests := []struct {
		name      string
		last      int
		took      time.Duration
		remaining int
		want      int
	}{
		{"fast page doubles", 5, 10 * time.Millisecond, 100, 10},
		{"slow page halves", 40, time.Second, 100, 20},
		{"slow page of one stays one", 1, time.Second, 100, 1},
		{"capped by what is left", 20, 0, 7, 7},
		{"capped by the API", 80, 0, 1000, maxLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nextPageSize(tt.last, tt.took, tt.remaining); got != tt.want {
				t.Errorf("nextPageSize(%d, %v, %d) = %d, want %d", tt.last, tt.took, tt.remaining, got, tt.want)
			}
		})
	}
}

func TestCursor(t *testing.T) {
	for _, offset := range []int{0, 5, 120} {
		c := encodeCursor(offset)
		if got, err := decodeCursor(c); got != offset || err != nil {
			t.Errorf("decodeCursor(encodeCursor(%d)) = %d, %v, want %d, nil", offset, got, err, offset)
		}
	}
	for _, c := range []string{"%%", encodeCursor(1)[1:], "b2Zmc2V0Oi0x"} { // the last is "offset:-1"
		if got, err := decodeCursor(c); err == nil {
			t.Errorf("decodeCursor(%q) = %d, nil, want an error", c, got)
		}
	}
}
