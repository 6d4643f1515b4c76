package agen_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/itergen/itergen/agen"
)

// calls lists every call on a generator, each returning only its error.
var calls = []struct {
	name string
	call func(g *agen.Generator[int, int]) error
}{
	{"Next", func(g *agen.Generator[int, int]) error { _, err := g.Next(); return err }},
	{"Send", func(g *agen.Generator[int, int]) error { _, err := g.Send(1); return err }},
	{"Throw", func(g *agen.Generator[int, int]) error { _, err := g.Throw(errReject); return err }},
	{"Close", func(g *agen.Generator[int, int]) error { return g.Close() }},
}

// TestRunningReentrant checks that a call from inside f is refused and
// leaves the running call undisturbed.
func TestRunningReentrant(t *testing.T) {
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			var g *agen.Generator[int, int]
			var inner error
			g = agen.New(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
				yield(1)
				inner = c.call(g)
				yield(2)
				return nil
			})
			defer g.Close()
			checkNext(t, g, result{1, nil})
			checkNext(t, g, result{2, nil})
			if inner != agen.ErrRunning {
				t.Errorf("%s() from inside f = %v, want ErrRunning", c.name, inner)
			}
			checkNext(t, g, result{0, agen.ErrDone})
		})
	}
}

// TestRunningConcurrent checks that a call from another goroutine while f
// runs is refused.
func TestRunningConcurrent(t *testing.T) {
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			entered := make(chan struct{})
			release := make(chan struct{})
			g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
				yield(1)
				entered <- struct{}{}
				<-release
				yield(2)
				return nil
			})
			defer g.Close()
			checkNext(t, g, result{1, nil})
			done := make(chan result)
			go func() {
				v, err := g.Next()
				done <- result{v, err}
			}()
			<-entered
			if err := c.call(g); err != agen.ErrRunning {
				t.Errorf("%s() while Next runs on another goroutine = %v, want ErrRunning", c.name, err)
			}
			close(release)
			if got := <-done; got != (result{2, nil}) {
				t.Errorf("the running Next() = %v, %v, want 2, nil", got.V, got.Err)
			}
		})
	}
}

// TestSequentialGoroutines checks that sequential calls from different
// goroutines are fine.
func TestSequentialGoroutines(t *testing.T) {
	g := agen.New(context.Background(), echo)
	defer g.Close()
	checkNext(t, g, result{0, nil})
	for i := range 10 {
		done := make(chan result)
		go func() {
			v, err := g.Send(i)
			done <- result{v, err}
		}()
		if got := <-done; got != (result{i + 1, nil}) {
			t.Errorf("Send(%d) = %v, %v, want %v, nil", i, got.V, got.Err, i+1)
		}
	}
}

// Misuse from many goroutines at once gets ErrRunning and nothing worse:
// no data race (run with -race), no panic from iter.Pull2, no lost or
// repeated step.
func TestHammer(t *testing.T) {
	const goroutines, callsEach = 4, 500
	steps := 0
	g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
		for {
			steps++
			runtime.Gosched() // let other callers find the generator running
			_, err := yield(steps)
			if errors.Is(err, agen.ErrClosed) {
				return nil
			}
			// A thrown error is handled: the generator goes on.
		}
	})
	first, err := g.Next()
	if err != nil {
		t.Fatalf("Next() = %v, %v, want 1, nil", first, err)
	}
	var wg sync.WaitGroup
	var refused atomic.Int64
	got := make([][]int, goroutines)
	errs := make(chan error, goroutines)
	for w := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range callsEach {
				var v int
				var err error
				switch (w + i) % 3 {
				case 0:
					v, err = g.Next()
				case 1:
					v, err = g.Send(i)
				case 2:
					v, err = g.Throw(errReject)
				}
				switch err {
				case nil:
					got[w] = append(got[w], v)
				case agen.ErrRunning:
					refused.Add(1)
				default:
					errs <- fmt.Errorf("goroutine %d, call %d: unexpected error %v", w, i, err)
					return
				}
				runtime.Gosched()
			}
		}()
	}
	wg.Wait()
	close(errs)
	t.Logf("%d of %d calls were refused with ErrRunning", refused.Load(), goroutines*callsEach)
	for err := range errs {
		t.Error(err)
	}
	if err := g.Close(); err != nil {
		t.Errorf("Close() = %v, want nil", err)
	}
	// Every successful call got its own step, in order.
	all := []int{first}
	for _, vs := range got {
		if !sort.IntsAreSorted(vs) {
			t.Errorf("one goroutine got steps out of order: %v", vs)
		}
		all = append(all, vs...)
	}
	sort.Ints(all)
	want := make([]int, steps)
	for i := range want {
		want[i] = i + 1
	}
	if diff := cmp.Diff(want, all); diff != "" {
		t.Errorf("steps returned by successful calls (-want +got):\n%s", diff)
	}
}

// Closing from many goroutines at once runs f's cleanup exactly once.
func TestHammerClose(t *testing.T) {
	for range 50 {
		cleanups := 0
		g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (int, error)) error {
			defer func() { cleanups++ }()
			for {
				if _, err := yield(1); err != nil {
					return nil
				}
			}
		})
		g.Next()
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 3 {
					if err := g.Close(); err != nil && err != agen.ErrRunning {
						t.Errorf("Close() = %v, want nil or ErrRunning", err)
					}
					if _, err := g.Next(); err != agen.ErrDone && err != agen.ErrRunning && err != nil {
						t.Errorf("Next() = _, %v, want nil, ErrDone or ErrRunning", err)
					}
				}
			}()
		}
		wg.Wait()
		if err := g.Close(); err != nil {
			t.Errorf("final Close() = %v, want nil", err)
		}
		if cleanups != 1 {
			t.Fatalf("f's deferred cleanup ran %d times, want 1", cleanups)
		}
	}
}
