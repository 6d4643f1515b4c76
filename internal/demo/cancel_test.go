package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

// cancelWriter collects the output and cancels the run's context once the
// trigger lines have appeared in order, so a test can interrupt a chosen
// step at a known point. With a delay it cancels that long afterwards
// instead, to land in the middle of the request that follows.
type cancelWriter struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	trigger []string
	delay   time.Duration
	cancel  context.CancelFunc
	fired   bool
}

func (w *cancelWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := w.buf.Write(p)
	if !w.fired && containsInOrder(w.buf.String(), w.trigger) {
		w.fired = true
		if w.delay > 0 {
			time.AfterFunc(w.delay, w.cancel)
		} else {
			w.cancel()
		}
	}
	return n, err
}

func (w *cancelWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

func containsInOrder(s string, lines []string) bool {
	for _, line := range lines {
		i := strings.Index(s, line)
		if i < 0 {
			return false
		}
		s = s[i+len(line):]
	}
	return true
}

func TestRunCancelled(t *testing.T) {
	tests := []struct {
		name    string
		trigger []string // cancel once the output shows these; nil cancels before run
		delay   time.Duration
		details time.Duration // how long each detail request takes
		step    string
	}{{
		name: "before the start",
		step: "counting the items",
	}, {
		// Every detail request takes an hour: only the cancellation of
		// the request in flight can end this step.
		name:    "during a detail request",
		trigger: []string{"2. Sequential", "page 1:"},
		delay:   time.Millisecond,
		details: time.Hour,
		step:    "the sequential pipeline",
	}, {
		// The cancel happens inside the page fetch, on a goroutine of
		// MapConcurrent, with the page's items not yet handed over.
		name:    "during the concurrent pipeline",
		trigger: []string{"3. Concurrent", "page 1:"},
		step:    "the concurrent pipeline",
	}, {
		name:    "while the generator is suspended",
		trigger: []string{"6. A generator", "g.Next()"},
		step:    "the hand-driven generator",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := smallConfig()
			cfg.detailLatency = latency{tt.details, tt.details}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			out := &cancelWriter{trigger: tt.trigger, delay: tt.delay, cancel: cancel}
			if tt.trigger == nil {
				cancel()
			}

			done := make(chan error, 1)
			go func() { done <- run(ctx, out, cfg) }()
			var err error
			select {
			case err = <-done:
			case <-time.After(time.Minute):
				// Not a timing assertion: a run that ignored its ctx
				// would otherwise hang the test binary for an hour.
				t.Fatalf("run did not return after its ctx was cancelled; output:\n%s", out)
			}

			if !errors.Is(err, context.Canceled) {
				t.Fatalf("run cancelled %s = %v, want an error matching context.Canceled; output:\n%s",
					tt.name, err, out)
			}
			if !strings.HasPrefix(err.Error(), tt.step+": ") {
				t.Errorf("run cancelled %s = %q, want it to start with %q", tt.name, err, tt.step+": ")
			}
			wantInOrder(t, out.String(), "interrupted during "+tt.step+": context canceled")
			if strings.Contains(out.String(), "done in") {
				t.Errorf("run cancelled %s printed %q; want it to stop at the cancelled step", tt.name, "done in")
			}
		})
	}
}
