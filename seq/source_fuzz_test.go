package seq_test

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

// decodeSourceInput turns fuzz bytes into a stream's elements: a byte
// divisible by 10 is the error element ErrA, one divisible by 5 otherwise
// ErrB, and any other byte a value.
func decodeSourceInput(data []byte) []srcElem {
	var input []srcElem
	for _, b := range data {
		switch {
		case b%10 == 0:
			input = append(input, srcElem{Err: streamtest.ErrA})
		case b%5 == 0:
			input = append(input, srcElem{Err: streamtest.ErrB})
		default:
			input = append(input, srcElem{V: int(b)})
		}
	}
	return input
}

// FuzzSources compares the sources and adapters with a slice model over
// random elements, breaking after stop+1 elements (never when stop < 0).
func FuzzSources(f *testing.F) {
	f.Add([]byte{1, 2, 3}, -1, uint8(1))
	f.Add([]byte{1, 10, 2, 5, 3}, 2, uint8(2))
	f.Add([]byte{}, 0, uint8(0))
	f.Add([]byte{5, 7, 7, 10, 10, 9}, -1, uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, stop int, pageSize uint8) {
		input := decodeSourceInput(data)
		if stop < -1 || stop > len(input)+2 {
			stop = -1
		}
		prefix := func(want []srcElem) []srcElem {
			if stop >= 0 && stop+1 < len(want) {
				return want[:stop+1]
			}
			return want
		}
		var vals []int
		var valElems, beforeErr []srcElem
		var firstErr error
		for _, e := range input {
			if e.Err == nil {
				vals = append(vals, e.V)
				valElems = append(valElems, e)
				if firstErr == nil {
					beforeErr = append(beforeErr, e)
				}
			} else if firstErr == nil {
				firstErr = e.Err
			}
		}
		check := func(name string, s iter.Seq2[int, error], want []srcElem) {
			t.Helper()
			if diff := cmp.Diff(prefix(want), sourceRun(t, s, stop), sourceErrorsEqual); diff != "" {
				t.Fatalf("%s(%v) with a break after %d (-want +got):\n%s", name, input, stop+1, diff)
			}
		}

		check("Of", seq.Of(vals...), valElems)
		check("From", seq.From(slices.Values(vals)), valElems)

		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		src := streamtest.NewSource(input).Seq()
		check("WithContext", seq.WithContext(ctx, src), input)
		check("YieldFrom", func(yield func(int, error) bool) {
			if yield(-1, nil) && seq.YieldFrom(yield, src) {
				yield(-2, nil)
			}
		}, append(append([]srcElem{{V: -1}}, input...), srcElem{V: -2}))

		var err error
		var got []srcElem
		for v := range seq.Values(src, &err) {
			got = append(got, srcElem{V: v})
			if len(got) == stop+1 {
				break
			}
		}
		want, wantErr := beforeErr, firstErr
		if stop >= 0 && stop+1 <= len(beforeErr) {
			want, wantErr = beforeErr[:stop+1], nil
		}
		if diff := cmp.Diff(want, got); diff != "" || err != wantErr {
			t.Fatalf("Values(%v) with a break after %d = %v, %v, want %v, %v", input, stop+1, got, err, want, wantErr)
		}

		// Paginate over the input cut into pages: a page's first error
		// element is its fetch error.
		size := 1 + int(pageSize%4)
		chunks := slices.Collect(slices.Chunk(input, size))
		fetch := func(_ context.Context, page int) ([]int, int, error) {
			var items []int
			var err error
			if page < len(chunks) {
				for _, e := range chunks[page] {
					if e.Err != nil {
						err = e.Err
						break
					}
					items = append(items, e.V)
				}
			}
			if page+1 >= len(chunks) {
				return items, 0, err
			}
			return items, page + 1, err
		}
		var paged []srcElem
	model:
		for i, chunk := range chunks {
			for _, e := range chunk {
				if e.Err != nil {
					paged = append(paged, srcElem{Err: fmt.Errorf("seq.Paginate: fetch page %d: %w", i+1, e.Err)})
					break model
				}
				paged = append(paged, e)
			}
		}
		check("Paginate", seq.Paginate(ctx, 0, fetch), paged)
	})
}
