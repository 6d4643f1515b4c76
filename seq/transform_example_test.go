package seq_test

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/itergen/itergen/seq"
)

func ExampleMap() {
	for s, err := range seq.Map(seq.Of("go", "iter"), strings.ToUpper) {
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(s)
	}
	// Output:
	// GO
	// ITER
}

func ExampleTryMap() {
	// A value that does not parse becomes an error element; the stream goes on.
	for n, err := range seq.TryMap(seq.Of("1", "two", "3"), strconv.Atoi) {
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(n)
	}
	// Output:
	// 1
	// error: strconv.Atoi: parsing "two": invalid syntax
	// 3
}

func ExampleFilter() {
	// An error in the middle of the stream passes through in its place.
	readings := seq.Concat(seq.Of(1, 2, 3), seq.Fail[int](errors.New("sensor offline")), seq.Of(4, 5, 6))
	even := func(v int) bool { return v%2 == 0 }
	for v, err := range seq.Filter(readings, even) {
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(v)
	}
	// Output:
	// 2
	// error: sensor offline
	// 4
	// 6
}

func ExampleFlatMap() {
	lines := seq.Of("to be", "or not", "to be")
	words := func(line string) iter.Seq2[string, error] {
		return seq.From(slices.Values(strings.Fields(line)))
	}
	for w, err := range seq.FlatMap(lines, words) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Print(w, " ")
	}
	fmt.Println()
	// Output:
	// to be or not to be
}

func ExampleConcat() {
	for v, err := range seq.Concat(seq.Of("a", "b"), seq.Of[string](), seq.Of("c")) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(v)
	}
	// Output:
	// a
	// b
	// c
}

func ExampleTake() {
	// Take ends an infinite stream: it stops it after the third value.
	naturals := func(yield func(int, error) bool) {
		for i := 1; ; i++ {
			if !yield(i, nil) {
				return
			}
		}
	}
	for v, err := range seq.Take(naturals, 3) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(v)
	}
	// Output:
	// 1
	// 2
	// 3
}

func ExampleSkip() {
	rows := seq.Of("name,age", "ada,36", "alan,41")
	for row, err := range seq.Skip(rows, 1) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(row)
	}
	// Output:
	// ada,36
	// alan,41
}

func ExampleTakeWhile() {
	small := func(v int) bool { return v < 10 }
	for v, err := range seq.TakeWhile(seq.Of(1, 4, 9, 16, 1), small) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(v)
	}
	// Output:
	// 1
	// 4
	// 9
}

func ExampleSkipWhile() {
	zero := func(v int) bool { return v == 0 }
	for v, err := range seq.SkipWhile(seq.Of(0, 0, 3, 0, 4), zero) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(v)
	}
	// Output:
	// 3
	// 0
	// 4
}

func ExampleChunk() {
	// The error flushes the partial chunk [3] before it is passed on.
	ids := seq.Concat(seq.Of(1, 2, 3), seq.Fail[int](errors.New("page 2 failed")), seq.Of(4, 5, 6, 7))
	for chunk, err := range seq.Chunk(ids, 2) {
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(chunk)
	}
	// Output:
	// [1 2]
	// [3]
	// error: page 2 failed
	// [4 5]
	// [6 7]
}

func ExampleScan() {
	total := func(acc, v int) int { return acc + v }
	for sum, err := range seq.Scan(seq.Of(3, 1, 4, 1, 5), 0, total) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(sum)
	}
	// Output:
	// 3
	// 4
	// 8
	// 9
	// 14
}

func ExampleCompact() {
	// The error does not separate the two 1s around it.
	states := seq.Concat(seq.Of(1, 1), seq.Fail[int](errors.New("probe timed out")), seq.Of(1, 2, 2, 1))
	for v, err := range seq.Compact(states) {
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(v)
	}
	// Output:
	// 1
	// error: probe timed out
	// 2
	// 1
}

func ExampleUnique() {
	for v, err := range seq.Unique(seq.Of("b", "a", "b", "c", "a")) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(v)
	}
	// Output:
	// b
	// a
	// c
}

func ExampleZip() {
	names := seq.Of("ada", "alan", "grace")
	born := seq.Of(1815, 1912) // shorter: Zip ends with it
	for p, err := range seq.Zip(names, born) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(p.First, p.Second)
	}
	// Output:
	// ada 1815
	// alan 1912
}

func ExamplePair() {
	withLen := func(s string) seq.Pair[string, int] {
		return seq.Pair[string, int]{First: s, Second: len(s)}
	}
	for p, err := range seq.Map(seq.Of("go", "rust"), withLen) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Printf("%s has %d letters\n", p.First, p.Second)
	}
	// Output:
	// go has 2 letters
	// rust has 4 letters
}

func ExampleTap() {
	logged := seq.Tap(seq.Of(1, 2, 3), func(v int) { fmt.Println("passing", v) })
	for v, err := range seq.Take(logged, 2) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println("got", v)
	}
	// Output:
	// passing 1
	// got 1
	// passing 2
	// got 2
}

func ExampleStopOnError() {
	s := seq.Concat(seq.Of(1, 2), seq.Fail[int](errors.New("connection reset")), seq.Of(3))
	for v, err := range seq.StopOnError(s) {
		if err != nil {
			fmt.Println("error:", err)
			continue // the error is the last element anyway
		}
		fmt.Println(v)
	}
	// Output:
	// 1
	// 2
	// error: connection reset
}
