package seq_test

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/itergen/itergen/seq"
)

// listDir stands for a paginated listing: the items of one directory,
// fetched one at a time.
func listDir(_ context.Context, dir string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for i := 1; i <= 2; i++ {
			if !yield(fmt.Sprintf("%s/file%d", dir, i), nil) {
				return
			}
		}
	}
}

func ExampleFlatMapConcurrent() {
	ctx := context.Background()
	dirs := seq.Of("a", "b", "c")
	// Up to 2 directories listed at once; the files come out directory by
	// directory, as seq.FlatMap gives them.
	for file, err := range seq.FlatMapConcurrent(ctx, dirs, 2, listDir) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(file)
	}
	// Output:
	// a/file1
	// a/file2
	// b/file1
	// b/file2
	// c/file1
	// c/file2
}

func ExampleFlatMapConcurrentUnordered() {
	ctx := context.Background()
	dirs := seq.Of("a", "b", "c")
	var files []string
	for file, err := range seq.FlatMapConcurrentUnordered(ctx, dirs, 2, listDir) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		files = append(files, file)
	}
	// Arrival order varies from run to run; sort to print.
	slices.Sort(files)
	fmt.Println(strings.Join(files, " "))
	// Output:
	// a/file1 a/file2 b/file1 b/file2 c/file1 c/file2
}
