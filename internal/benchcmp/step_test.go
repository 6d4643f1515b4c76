package benchcmp

import (
	"context"
	"iter"
	"testing"

	"github.com/itergen/itergen/agen"
)

// The step workload measures one resumption of a generator that counts up:
// the consumer asks for the next value and the producer hands it over. Each
// contender is started before the timer, so only steady-state steps count.

// counter yields 0, 1, 2, … until the consumer stops.
func counter(yield func(int, error) bool) {
	for i := 0; yield(i, nil); i++ {
	}
}

// echo yields 0, then one more than each value sent to it; Next counts as
// sending the zero value.
func echo(ctx context.Context, yield func(int) (int, error)) error {
	v := 0
	for {
		s, err := yield(v)
		if err != nil {
			return nil
		}
		v = s + 1
	}
}

// chanCounter is the goroutine-and-channel generator: it sends 0, 1, 2, …
// on an unbuffered channel until done is closed.
func chanCounter(done <-chan struct{}) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; ; i++ {
			select {
			case ch <- i:
			case <-done:
				return
			}
		}
	}()
	return ch
}

func BenchmarkStep(b *testing.B) {
	b.Run("impl=iter.Pull2", func(b *testing.B) {
		b.ReportAllocs()
		next, stop := iter.Pull2(iter.Seq2[int, error](counter))
		defer stop()
		next()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if v, _, _ := next(); v != i+1 {
				b.Fatalf("next() = %d, want %d", v, i+1)
			}
		}
		b.StopTimer() // the deferred teardown is not a step
		perElem(b, 1)
	})
	b.Run("impl=itergen.agen.Next", func(b *testing.B) {
		b.ReportAllocs()
		g := agen.New(context.Background(), echo)
		defer g.Close()
		g.Next()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if v, err := g.Next(); v != 1 || err != nil {
				b.Fatalf("Next() = %d, %v, want 1, nil", v, err)
			}
		}
		b.StopTimer() // the deferred teardown is not a step
		perElem(b, 1)
	})
	b.Run("impl=itergen.agen.Send", func(b *testing.B) {
		b.ReportAllocs()
		g := agen.New(context.Background(), echo)
		defer g.Close()
		g.Next()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if v, err := g.Send(i); v != i+1 || err != nil {
				b.Fatalf("Send(%d) = %d, %v, want %d, nil", i, v, err, i+1)
			}
		}
		b.StopTimer() // the deferred teardown is not a step
		perElem(b, 1)
	})
	b.Run("impl=chan", func(b *testing.B) {
		b.ReportAllocs()
		done := make(chan struct{})
		ch := chanCounter(done)
		defer func() {
			close(done)
			for range ch {
			}
		}()
		<-ch
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if v := <-ch; v != i+1 {
				b.Fatalf("<-ch = %d, want %d", v, i+1)
			}
		}
		b.StopTimer() // the deferred teardown is not a step
		perElem(b, 1)
	})
}
