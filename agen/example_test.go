package agen_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"

	"github.com/itergen/itergen/agen"
)

// An echo generator: it yields what it was sent, upper-cased, and ends
// when closed.
func ExampleGenerator_Send() {
	echo := func(ctx context.Context, yield func(string) (string, error)) error {
		reply := "ready"
		for {
			msg, err := yield(reply)
			if err != nil {
				return err
			}
			reply = strings.ToUpper(msg)
		}
	}

	g := agen.New(context.Background(), echo)
	defer g.Close()

	// Send needs a suspended yield to deliver to: start with Next.
	if _, err := g.Send("too early"); err != nil {
		fmt.Println(err)
	}
	v, _ := g.Next()
	fmt.Println(v)
	for _, msg := range []string{"hello", "agen"} {
		v, _ := g.Send(msg)
		fmt.Println(v)
	}
	// Output:
	// agen: send to a generator that has not started
	// ready
	// HELLO
	// AGEN
}

// A producer of records learns that the consumer rejected one, through the
// error that yield returns, and decides what to do: here it skips to the
// next record and counts the rejection.
func ExampleGenerator_Throw() {
	errInvalid := errors.New("invalid record")
	rejected := 0
	records := func(ctx context.Context, yield func(string) (struct{}, error)) error {
		for _, r := range []string{"alice", "b0b", "carol"} {
			_, err := yield(r)
			switch {
			case errors.Is(err, errInvalid):
				rejected++
			case err != nil:
				return err
			}
		}
		return nil
	}

	g := agen.New(context.Background(), records)
	defer g.Close()
	r, err := g.Next()
	for err == nil {
		if strings.ContainsAny(r, "0123456789") {
			fmt.Println("reject", r)
			r, err = g.Throw(errInvalid)
			continue
		}
		fmt.Println("store", r)
		r, err = g.Next()
	}
	fmt.Println(err, "- rejected:", rejected)
	// Output:
	// store alice
	// reject b0b
	// store carol
	// agen: generator is done - rejected: 1
}

// Close resumes the generator with ErrClosed and runs its deferred cleanup
// before it returns.
func ExampleGenerator_Close() {
	lines := func(ctx context.Context, yield func(string) (struct{}, error)) error {
		fmt.Println("open file")
		defer fmt.Println("close file")
		for _, l := range []string{"first", "second", "third"} {
			if _, err := yield(l); err != nil {
				fmt.Println("yield:", err)
				return nil
			}
		}
		return nil
	}

	g := agen.New(context.Background(), lines)
	l, _ := g.Next()
	fmt.Println(l)
	fmt.Println("Close:", g.Close())
	_, err := g.Next()
	fmt.Println("Next:", err)
	// Output:
	// open file
	// first
	// yield: agen: generator closed
	// close file
	// Close: <nil>
	// Next: agen: generator is done
}

func ExampleNew() {
	fib := func(ctx context.Context, yield func(int) (struct{}, error)) error {
		a, b := 0, 1
		for {
			if _, err := yield(a); err != nil {
				return err
			}
			a, b = b, a+b
		}
	}

	g := agen.New(context.Background(), fib) // does not call fib yet
	defer g.Close()
	for range 8 {
		v, _ := g.Next()
		fmt.Print(v, " ")
	}
	fmt.Println()
	// Output:
	// 0 1 1 2 3 5 8 13
}

// Pull turns a plain stream into a generator, here to take the header of a
// stream before ranging over the rest.
func ExamplePull() {
	var rows iter.Seq2[string, error] = func(yield func(string, error) bool) {
		for _, r := range []string{"name,age", "ada,36", "alan,41"} {
			if !yield(r, nil) {
				return
			}
		}
	}

	g := agen.Pull(rows)
	defer g.Close()
	header, _ := g.Next()
	fmt.Println("columns:", header)
	for row, err := range g.All() {
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Println("row:", row)
	}
	// Output:
	// columns: name,age
	// row: ada,36
	// row: alan,41
}

func ExampleSeq() {
	countdown := func(ctx context.Context, yield func(int) (struct{}, error)) error {
		defer fmt.Println("countdown cleaned up")
		for i := 5; i > 0; i-- {
			if _, err := yield(i); err != nil {
				return err // ErrClosed: the loop broke
			}
		}
		return nil
	}

	for n, err := range agen.Seq(context.Background(), countdown) {
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Println(n)
		if n == 3 {
			break
		}
	}
	// Output:
	// 5
	// 4
	// 3
	// countdown cleaned up
}

func ExampleGenerator() {
	// A running average: each value sent in updates it.
	average := func(ctx context.Context, yield func(float64) (float64, error)) error {
		sum, n := 0.0, 0
		avg := 0.0
		for {
			x, err := yield(avg)
			if err != nil {
				return err
			}
			sum, n = sum+x, n+1
			avg = sum / float64(n)
		}
	}

	g := agen.New(context.Background(), average)
	defer g.Close()
	g.Next() // run to the first yield
	for _, x := range []float64{10, 20, 60} {
		avg, _ := g.Send(x)
		fmt.Println(avg)
	}
	// Output:
	// 10
	// 15
	// 30
}

func ExampleGenerator_Next() {
	g := agen.New(context.Background(), func(ctx context.Context, yield func(string) (struct{}, error)) error {
		if _, err := yield("a"); err != nil {
			return err
		}
		if _, err := yield("b"); err != nil {
			return err
		}
		return errors.New("out of letters")
	})
	for {
		v, err := g.Next()
		if err == agen.ErrDone {
			fmt.Println("done")
			break
		}
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(v)
	}
	// Output:
	// a
	// b
	// error: out of letters
	// done
}

// Breaking out of All leaves the generator suspended, as breaking out of
// `async for` does; the next loop goes on where the last one stopped.
func ExampleGenerator_All() {
	g := agen.New(context.Background(), func(ctx context.Context, yield func(int) (struct{}, error)) error {
		for i := 1; i <= 6; i++ {
			if _, err := yield(i); err != nil {
				return err
			}
		}
		return nil
	})
	defer g.Close()
	for v, err := range g.All() {
		if err != nil {
			break
		}
		fmt.Print(v, " ")
		if v == 3 {
			fmt.Print("| ")
			break
		}
	}
	for v := range g.All() {
		fmt.Print(v, " ")
	}
	fmt.Println()
	// Output:
	// 1 2 3 | 4 5 6
}

// A Func is usable both as a generator and as a stream.
func ExampleFunc() {
	var words agen.Func[string, struct{}] = func(ctx context.Context, yield func(string) (struct{}, error)) error {
		for _, w := range strings.Fields("the quick brown fox") {
			if _, err := yield(w); err != nil {
				return err
			}
		}
		return nil
	}

	g := agen.New(context.Background(), words)
	defer g.Close()
	first, _ := g.Next()
	fmt.Println("first:", first)

	for w := range agen.Seq(context.Background(), words) {
		fmt.Print(w, " ")
	}
	fmt.Println()
	// Output:
	// first: the
	// the quick brown fox
}

func ExampleSeq_errors() {
	parse := func(ctx context.Context, yield func(int) (struct{}, error)) error {
		for _, s := range []string{"1", "2", "x"} {
			var n int
			if _, err := fmt.Sscan(s, &n); err != nil {
				return fmt.Errorf("parse %q: %w", s, err)
			}
			if _, err := yield(n); err != nil {
				return err
			}
		}
		return nil
	}
	for n, err := range agen.Seq(context.Background(), parse) {
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Println(n)
	}
	// Output:
	// 1
	// 2
	// error: parse "x": expected integer
}
