package agen_test

import (
	"context"
	"errors"
	"iter"
	"testing"

	"github.com/itergen/itergen/agen"
)

var errStop = errors.New("stop")

// counter is the stream every benchmark produces: 0, 1, 2, … for ever.
func counter(yield func(int, error) bool) {
	for i := 0; yield(i, nil); i++ {
	}
}

// countFunc is counter as a generator function.
func countFunc(ctx context.Context, yield func(int) (struct{}, error)) error {
	for i := 0; ; i++ {
		if _, err := yield(i); err != nil {
			return nil
		}
	}
}

// incFunc yields 0, then each value sent to it plus one, for ever.
func incFunc(ctx context.Context, yield func(int) (int, error)) error {
	v := 0
	for {
		s, err := yield(v)
		if err != nil {
			return nil
		}
		v = s + 1
	}
}

// framedNext is iter.Pull2's next behind one call that is not inlined, the
// least any method on a handle adds on the consumer's side.
type framedNext struct{ next func() (int, error, bool) }

//go:noinline
func (f *framedNext) Next() (int, error) {
	v, err, _ := f.next()
	return v, err
}

// framedYield is iter.Pull2's yield behind one call that is not inlined, the
// least any yield function of another signature adds on the producer's side.
//
//go:noinline
func framedYield(yield func(int, error) bool, v int) (struct{}, error) {
	if !yield(v, nil) {
		return struct{}{}, errStop
	}
	return struct{}{}, nil
}

// BenchmarkStep measures one step of a generator that counts, driven each
// way. Pull2 is the baseline; compare ratios within one run.
//
// Pull2Framed is the floor for a handle built on iter.Pull2: it only adds
// one function call on each side of the switch. Each such call costs a
// mispredicted return after every switch (the CPU's return-address stack
// does not survive the change of stacks), which on current x86 CPUs is
// about 5 ns each: of the order of 15% of a Pull2 step.
func BenchmarkStep(b *testing.B) {
	b.Run("Pull2", func(b *testing.B) {
		b.ReportAllocs()
		next, stop := iter.Pull2(iter.Seq2[int, error](counter))
		defer stop()
		for i := 0; i < b.N; i++ {
			next()
		}
	})
	b.Run("Pull2Framed", func(b *testing.B) {
		b.ReportAllocs()
		next, stop := iter.Pull2(func(yield func(int, error) bool) {
			for i := 0; ; i++ {
				if _, err := framedYield(yield, i); err != nil {
					return
				}
			}
		})
		defer stop()
		f := &framedNext{next}
		for i := 0; i < b.N; i++ {
			f.Next()
		}
	})
	b.Run("Next", func(b *testing.B) {
		b.ReportAllocs()
		g := agen.New(context.Background(), countFunc)
		defer g.Close()
		for i := 0; i < b.N; i++ {
			g.Next()
		}
	})
	b.Run("Send", func(b *testing.B) {
		b.ReportAllocs()
		g := agen.New(context.Background(), incFunc)
		defer g.Close()
		g.Next()
		for i := 0; i < b.N; i++ {
			g.Send(i)
		}
	})
	b.Run("PullNext", func(b *testing.B) {
		b.ReportAllocs()
		g := agen.Pull(counter)
		defer g.Close()
		for i := 0; i < b.N; i++ {
			g.Next()
		}
	})
	b.Run("Seq", func(b *testing.B) {
		b.ReportAllocs()
		n := 0
		for range agen.Seq(context.Background(), countFunc) {
			if n++; n >= b.N {
				break
			}
		}
	})
	b.Run("Chan", func(b *testing.B) {
		b.ReportAllocs()
		ch := make(chan int)
		done := make(chan struct{})
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
		for i := 0; i < b.N; i++ {
			<-ch
		}
		close(done)
		for range ch {
		}
	})
}

// BenchmarkYieldFrom measures one element passed on by YieldFrom from a
// stream that counts: through a generator driven by Next, against
// BenchmarkStep/Next, and in a range loop over Seq, where no coroutine
// switch hides YieldFrom's own cost.
func BenchmarkYieldFrom(b *testing.B) {
	delegate := func(ctx context.Context, yield func(int) (struct{}, error)) error {
		return agen.YieldFrom(yield, counter)
	}
	b.Run("Next", func(b *testing.B) {
		b.ReportAllocs()
		g := agen.New(context.Background(), delegate)
		defer g.Close()
		for i := 0; i < b.N; i++ {
			g.Next()
		}
	})
	b.Run("Seq", func(b *testing.B) {
		b.ReportAllocs()
		n := 0
		for range agen.Seq(context.Background(), delegate) {
			if n++; n >= b.N {
				break
			}
		}
	})
	b.Run("SeqDirect", func(b *testing.B) {
		b.ReportAllocs()
		n := 0
		for range agen.Seq(context.Background(), countFunc) {
			if n++; n >= b.N {
				break
			}
		}
	})
}
