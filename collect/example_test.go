package collect_test

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/itergen/itergen/collect"
	"github.com/itergen/itergen/seq"
)

func ExampleSlice() {
	vs, err := collect.Slice(seq.Of(1, 2, 3))
	fmt.Println(vs, err)

	// Slice stops at the first error and returns the values before it
	// beside the error; 30 is never read.
	readings := func(yield func(int, error) bool) {
		_ = yield(10, nil) && yield(20, nil) &&
			yield(0, errors.New("sensor offline")) && yield(30, nil)
	}
	vs, err = collect.Slice(readings)
	fmt.Println(vs, err)
	// Output:
	// [1 2 3] <nil>
	// [10 20] sensor offline
}

func ExampleMap() {
	type user struct {
		ID   int
		Name string
	}
	users := seq.Of(user{1, "ada"}, user{2, "alan"}, user{1, "grace"})
	byID, err := collect.Map(users, func(u user) int { return u.ID })
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	// The last user with ID 1 wins.
	fmt.Println(byID[1].Name, byID[2].Name)
	// Output:
	// grace alan
}

func ExampleSet() {
	tags, err := collect.Set(seq.Of("go", "iter", "go", "async"))
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(slices.Sorted(maps.Keys(tags)))
	// Output:
	// [async go iter]
}

func ExampleGroupBy() {
	words := seq.Of("apple", "avocado", "banana", "blueberry", "cherry")
	groups, err := collect.GroupBy(words, func(w string) byte { return w[0] })
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	for _, k := range slices.Sorted(maps.Keys(groups)) {
		fmt.Printf("%c: %v\n", k, groups[k])
	}
	// Output:
	// a: [apple avocado]
	// b: [banana blueberry]
	// c: [cherry]
}

func ExamplePartition() {
	even, odd, err := collect.Partition(seq.Of(1, 2, 3, 4, 5), func(v int) bool { return v%2 == 0 })
	fmt.Println(even, odd, err)
	// Output:
	// [2 4] [1 3 5] <nil>
}

func ExampleCount() {
	n, err := collect.Count(seq.Of("a", "b", "c"))
	fmt.Println(n, err)

	// A failed stream counts 0, not the values before the error.
	lines := func(yield func(string, error) bool) {
		_ = yield("a", nil) && yield("", errors.New("read failed"))
	}
	n, err = collect.Count(lines)
	fmt.Println(n, err)
	// Output:
	// 3 <nil>
	// 0 read failed
}

func ExampleReduce() {
	words := seq.Of("async", "for", "x", "in", "g")
	sentence, err := collect.Reduce(words, "", func(acc, w string) string {
		if acc == "" {
			return w
		}
		return acc + " " + w
	})
	fmt.Printf("%q %v\n", sentence, err)
	// Output:
	// "async for x in g" <nil>
}

func ExampleFirst() {
	// First stops the stream after one value, so it ends even on an
	// infinite stream.
	naturals := func(yield func(int, error) bool) {
		for i := 1; yield(i, nil); i++ {
		}
	}
	v, ok, err := collect.First(naturals)
	fmt.Println(v, ok, err)

	v, ok, err = collect.First(seq.Of[int]())
	fmt.Println(v, ok, err)
	// Output:
	// 1 true <nil>
	// 0 false <nil>
}

func ExampleLast() {
	v, ok, err := collect.Last(seq.Of("a", "b", "c"))
	fmt.Println(v, ok, err)
	// Output:
	// c true <nil>
}

func ExampleFind() {
	v, ok, err := collect.Find(seq.Of(3, 8, 12, 20), func(v int) bool { return v > 10 })
	fmt.Println(v, ok, err)

	// The error comes before any value above 25: Find returns it.
	readings := func(yield func(int, error) bool) {
		_ = yield(10, nil) && yield(20, nil) &&
			yield(0, errors.New("sensor offline")) && yield(30, nil)
	}
	v, ok, err = collect.Find(readings, func(v int) bool { return v > 25 })
	fmt.Println(v, ok, err)
	// Output:
	// 12 true <nil>
	// 0 false sensor offline
}

func ExampleAny() {
	files := seq.Of("main.go", "README.md", "go.mod")
	hasDocs, err := collect.Any(files, func(name string) bool { return strings.HasSuffix(name, ".md") })
	fmt.Println(hasDocs, err)
	// Output:
	// true <nil>
}

func ExampleAll() {
	ok, err := collect.All(seq.Of(2, 4, 6), func(v int) bool { return v%2 == 0 })
	fmt.Println(ok, err)

	// All stops at 3: the answer is known.
	ok, err = collect.All(seq.Of(2, 3, 4), func(v int) bool { return v%2 == 0 })
	fmt.Println(ok, err)
	// Output:
	// true <nil>
	// false <nil>
}

func ExampleMin() {
	v, ok, err := collect.Min(seq.Of(4, 2, 7))
	fmt.Println(v, ok, err)

	v, ok, err = collect.Min(seq.Of[int]())
	fmt.Println(v, ok, err)
	// Output:
	// 2 true <nil>
	// 0 false <nil>
}

func ExampleMax() {
	v, ok, err := collect.Max(seq.Of(4, 2, 7))
	fmt.Println(v, ok, err)
	// Output:
	// 7 true <nil>
}

func ExampleSum() {
	total, err := collect.Sum(seq.Of(1.5, 2.5, 3))
	fmt.Println(total, err)
	// Output:
	// 7 <nil>
}

func ExampleSorted() {
	vs, err := collect.Sorted(seq.Of(3, 1, 2))
	fmt.Println(vs, err)
	// Output:
	// [1 2 3] <nil>
}

func ExampleSortedFunc() {
	words := seq.Of("banana", "fig", "cherry", "kiwi", "apple")
	// Stable: words of the same length keep their order in the stream.
	byLen, err := collect.SortedFunc(words, func(a, b string) int { return len(a) - len(b) })
	fmt.Println(byLen, err)
	// Output:
	// [fig kiwi apple banana cherry] <nil>
}

func ExampleForEach() {
	errFull := errors.New("disk full")
	written := 0
	err := collect.ForEach(seq.Of("a", "b", "c"), func(s string) error {
		if written == 2 {
			return errFull
		}
		written++
		fmt.Println("write", s)
		return nil
	})
	// f's error comes back as it is.
	fmt.Println(err == errFull)
	// Output:
	// write a
	// write b
	// true
}

func ExampleDrain() {
	s := func(yield func(int, error) bool) {
		for i := range 3 {
			fmt.Println("working on", i)
			if !yield(i, nil) {
				return
			}
		}
	}
	err := collect.Drain(s)
	fmt.Println(err)
	// Output:
	// working on 0
	// working on 1
	// working on 2
	// <nil>
}
