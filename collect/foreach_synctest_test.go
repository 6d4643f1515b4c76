//go:build go1.25

package collect_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/itergen/itergen/collect"
)

// TestForEachConcurrentBlockedCall checks that ForEachConcurrent does not
// return while a call of f that ignores its context is still running.
func TestForEachConcurrentBlockedCall(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		errF := errors.New("f failed")
		blocked, release := make(chan struct{}), make(chan struct{})
		f := func(_ context.Context, v int) error {
			if v == 0 {
				close(blocked)
				<-release
				return nil
			}
			<-blocked // fail only once the call of f(0) is blocked
			return errF
		}
		var err error
		returned := make(chan struct{})
		go func() {
			defer close(returned)
			err = collect.ForEachConcurrent(context.Background(), fecCount(10), 2, f)
		}()
		synctest.Wait()
		select {
		case <-returned:
			t.Fatalf("ForEachConcurrent returned %v while a call of f was blocked", err)
		default:
		}
		close(release)
		<-returned
		if err != errF {
			t.Errorf("ForEachConcurrent = %v, want %v", err, errF)
		}
	})
}

// TestForEachConcurrentDeadline checks that a deadline ends the calls in
// progress when it passes, and is returned.
func TestForEachConcurrentDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		defer cancel()
		f := func(ctx context.Context, _ int) error {
			select {
			case <-time.After(time.Hour):
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		start := time.Now()
		err := collect.ForEachConcurrent(ctx, fecCount(100), 4, f)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("ForEachConcurrent past its deadline = %v, want context.DeadlineExceeded", err)
		}
		if d := time.Since(start); d != 10*time.Millisecond {
			t.Errorf("ForEachConcurrent returned after %v, want 10ms", d)
		}
	})
}

// TestForEachConcurrentLookAhead checks that s runs at most 256 values
// ahead of the calls, and that far, while the calls are blocked.
func TestForEachConcurrentLookAhead(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		var started, produced atomic.Int64
		f := func(context.Context, int) error {
			started.Add(1)
			<-release
			return nil
		}
		s := func(yield func(int, error) bool) {
			for i := range 1000 {
				produced.Add(1)
				if !yield(i, nil) {
					return
				}
			}
		}
		done := make(chan error)
		go func() { done <- collect.ForEachConcurrent(context.Background(), s, 2, f) }()
		synctest.Wait()
		// At most 256 values wait in the ring and one more is in the
		// caller's hand; a full ring waits for a quarter of it to be free.
		if p, c := produced.Load(), started.Load(); c != 2 || p-c > 257 || p-c < 192 {
			t.Errorf("with the calls blocked: %d values produced, %d calls started; want 2 calls and 192 to 257 values ahead", p, c)
		}
		close(release)
		if err := <-done; err != nil {
			t.Errorf("ForEachConcurrent = %v, want nil", err)
		}
	})
}
