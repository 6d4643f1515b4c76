package seq_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/http/httptest"
	"slices"

	"github.com/itergen/itergen/seq"
)

func ExampleOf() {
	for v, err := range seq.Of("a", "b", "c") {
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

func ExampleFrom() {
	names := []string{"ada", "alan", "grace"}
	for name, err := range seq.From(slices.Values(names)) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(name)
	}
	// Output:
	// ada
	// alan
	// grace
}

func ExampleFail() {
	// open returns a stream of lines, or a stream that reports why not.
	open := func(name string) iter.Seq2[string, error] {
		if name == "" {
			return seq.Fail[string](errors.New("open: empty name"))
		}
		return seq.Of(name+": line 1", name+": line 2")
	}
	for _, name := range []string{"notes.txt", ""} {
		for line, err := range open(name) {
			if err != nil {
				fmt.Println("error:", err)
				break
			}
			fmt.Println(line)
		}
	}
	// Output:
	// notes.txt: line 1
	// notes.txt: line 2
	// error: open: empty name
}

func ExamplePaginate() {
	// A JSON API that lists items two to a page, linking to the next page.
	pages := map[string]string{
		"1": `{"items": ["apple", "banana"], "next": "/items?page=2"}`,
		"2": `{"items": ["cherry", "damson"], "next": "/items?page=3"}`,
		"3": `{"items": ["elderberry"], "next": ""}`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, pages[r.URL.Query().Get("page")])
	}))
	defer srv.Close()

	fetch := func(ctx context.Context, path string) ([]string, string, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+path, nil)
		if err != nil {
			return nil, "", err
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			return nil, "", err
		}
		defer resp.Body.Close()
		var page struct {
			Items []string `json:"items"`
			Next  string   `json:"next"`
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		return page.Items, page.Next, err
	}

	for item, err := range seq.Paginate(context.Background(), "/items?page=1", fetch) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(item)
	}
	// Output:
	// apple
	// banana
	// cherry
	// damson
	// elderberry
}

func ExampleFromChan() {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 1; i <= 3; i++ {
			ch <- i * i
		}
	}()
	for v, err := range seq.FromChan(context.Background(), ch) {
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

func ExampleValues() {
	var err error
	lines := seq.Values(seq.Paginate(context.Background(), 1,
		func(_ context.Context, page int) ([]string, int, error) {
			if page == 3 {
				return nil, 0, errors.New("server unavailable")
			}
			return []string{fmt.Sprint("line ", page)}, page + 1, nil
		}), &err)
	fmt.Println(slices.Collect(lines))
	fmt.Println(err)
	// Output:
	// [line 1 line 2]
	// seq.Paginate: fetch page 3: server unavailable
}

func ExampleWithContext() {
	stop := errors.New("enough")
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	for v, err := range seq.WithContext(ctx, seq.Of(1, 2, 3, 4)) {
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Println(v)
		if v == 2 {
			cancel(stop)
		}
	}
	// Output:
	// 1
	// 2
	// error: enough
}

// pages is written the way an async generator function is in Python: it
// takes a context and returns a stream. It announces each page, then hands
// over the page's lines with YieldFrom, and returns as soon as the consumer
// stops.
func pages(ctx context.Context) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for i, page := range [][]string{{"a", "b"}, {"c"}, {"d"}} {
			if !yield(fmt.Sprint("page ", i+1), nil) {
				return
			}
			if !seq.YieldFrom(yield, seq.WithContext(ctx, seq.Of(page...))) {
				return
			}
		}
	}
}

func ExampleYieldFrom() {
	for line, err := range pages(context.Background()) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(line)
		if line == "c" {
			break // pages stops too: "page 3" is never produced
		}
	}
	// Output:
	// page 1
	// a
	// b
	// page 2
	// c
}
