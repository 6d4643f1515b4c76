package seq_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

type jsonItem struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

// describe turns the elements of a DecodeJSON stream into strings: values
// as %v, errors by kind.
func describe[T any](s iter.Seq2[T, error]) []string {
	var out []string
	for v, err := range s {
		var (
			typeErr   *json.UnmarshalTypeError
			syntaxErr *json.SyntaxError
			parseErr  *time.ParseError
		)
		switch {
		case err == nil:
			out = append(out, fmt.Sprint(v))
		case errors.As(err, &typeErr):
			out = append(out, "type error")
		case errors.As(err, &syntaxErr):
			out = append(out, "syntax error")
		case errors.As(err, &parseErr):
			out = append(out, "parse error")
		case errors.Is(err, io.ErrUnexpectedEOF):
			out = append(out, "unexpected EOF")
		case errors.Is(err, errRead):
			out = append(out, "read error")
		default:
			out = append(out, "other error: "+err.Error())
		}
	}
	return out
}

func TestDecodeJSON(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"white space", " \n\t ", nil},
		{"empty array", "[]", nil},
		{"empty array with space", " [ ]\n", nil},
		{"array", "[1, 2, 3]", []string{"1", "2", "3"}},
		{"ndjson", "1\n2\n3\n", []string{"1", "2", "3"}},
		{"concatenated", "1 2 3", []string{"1", "2", "3"}},
		{"two arrays", "[1,2] [3]\n[]", []string{"1", "2", "3"}},
		{"array then values", "[1,2] 3", []string{"1", "2", "3"}},
		{"type error in an array", `[1, "x", {"a": 1}, 4]`, []string{"1", "type error", "type error", "4"}},
		{"type error in ndjson", "1\n\"x\"\n3\n", []string{"1", "type error", "3"}},
		{"truncated array", "[1, 2", []string{"1", "2", "unexpected EOF"}},
		{"truncated after comma", "[1, 2,", []string{"1", "2", "unexpected EOF"}},
		{"unclosed array", "[1, 2 ", []string{"1", "2", "unexpected EOF"}},
		{"missing comma", "[1 2]", []string{"1", "syntax error"}},
		{"garbage after array", "[1, 2] x", []string{"1", "2", "syntax error"}},
		{"garbage in ndjson", "1\nx\n3", []string{"1", "syntax error"}},
		{"stray bracket", "]", []string{"syntax error"}},
		{"stray brace", "1 }", []string{"1", "syntax error"}},
		{"trailing comma", "[1,]", []string{"1", "syntax error"}},
	}
	for _, tt := range tests {
		for _, rd := range readers {
			t.Run(tt.name+"/"+rd.name, func(t *testing.T) {
				got := describe(seq.DecodeJSON[int](rd.wrap(strings.NewReader(tt.in))))
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("DecodeJSON[int](%q) = %q, want %q (-want +got):\n%s", tt.in, got, tt.want, diff)
				}
			})
		}
	}
}

func TestDecodeJSONStructs(t *testing.T) {
	in := `[{"id": 1, "name": "a"}, {"id": "two", "name": "b"}, {"id": 3, "name": "c"}]`
	got := describe(seq.DecodeJSON[jsonItem](strings.NewReader(in)))
	want := []string{"{1 a}", "type error", "{3 c}"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DecodeJSON[jsonItem](%q) = %q, want %q (-want +got):\n%s", in, got, want, diff)
	}
	// A value that one field does not fit comes as an error, not as a half
	// value: the error element carries the zero T.
	for v, err := range seq.DecodeJSON[jsonItem](strings.NewReader(`{"id": "x", "name": "n"}`)) {
		if err == nil || v != (jsonItem{}) {
			t.Errorf("DecodeJSON of a value that does not fit = (%v, %v), want (zero, an error)", v, err)
		}
	}
}

func TestDecodeJSONUnmarshalerErrorGoesOn(t *testing.T) {
	in := `["2024-01-01T00:00:00Z", "not a time", "2024-01-02T00:00:00Z"]`
	s := seq.Map(seq.DecodeJSON[time.Time](strings.NewReader(in)), func(t time.Time) string { return t.Format(time.DateOnly) })
	got := describe(s)
	want := []string{"2024-01-01", "parse error", "2024-01-02"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DecodeJSON[time.Time](%q) = %q, want %q (-want +got):\n%s", in, got, want, diff)
	}
}

func TestDecodeJSONReadError(t *testing.T) {
	tests := []struct {
		name string
		r    io.Reader
		want []string
	}{
		{"error at once", iotest.ErrReader(errRead), []string{"read error"}},
		{"error with a whole array", &dataThenError{data: "[1, 2]", err: errRead}, []string{"1", "2", "read error"}},
		{"error with part of an array", &dataThenError{data: "[1, 2,", err: errRead}, []string{"1", "2", "read error"}},
		{"error inside a value", &dataThenError{data: "[1, 23", err: errRead}, []string{"1", "read error"}},
		{"error after ndjson", &dataThenError{data: "{}\n{}\n", err: errRead}, []string{"{}", "{}", "read error"}},
		{"error after reads", io.MultiReader(strings.NewReader("[1,"), iotest.ErrReader(errRead)), []string{"1", "read error"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			if strings.Contains(tt.name, "ndjson") {
				got = describe(seq.Map(seq.DecodeJSON[struct{}](tt.r), func(struct{}) string { return "{}" }))
			} else {
				got = describe(seq.DecodeJSON[int](tt.r))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("DecodeJSON = %q, want %q (-want +got):\n%s", got, tt.want, diff)
			}
		})
	}
}

func TestDecodeJSONContract(t *testing.T) {
	checkSource(t, func() iter.Seq2[int, error] { return seq.DecodeJSON[int](strings.NewReader("[1, 2] 3 [] [4]")) },
		streamtest.Vals(1, 2, 3, 4))
	typeErr := json.Unmarshal([]byte(`"x"`), new(int))
	checkSource(t, func() iter.Seq2[int, error] {
		return seq.DecodeJSON[int](&dataThenError{data: `[1, "x", 2]`, err: errRead})
	}, []streamtest.Elem[int]{{V: 1}, {Err: typeErr}, {V: 2}, {Err: errRead}})
}

func TestDecodeJSONSecondRangeGoesOn(t *testing.T) {
	s := seq.DecodeJSON[int](strings.NewReader("[1, 2, 3] 4"))
	var got []int
	for v := range s {
		got = append(got, v)
		break
	}
	for v := range s {
		got = append(got, v)
	}
	if want := []int{1, 2, 3, 4}; !cmp.Equal(want, got) {
		t.Errorf("DecodeJSON: a range broken after one value, then a second range = %v, want %v", got, want)
	}
}

// jsonArray generates a JSON array of n items on the fly and counts the
// bytes read from it, so that a test can see how far ahead of the consumer
// the decoder reads.
type jsonArray struct {
	n, next int
	pending []byte
	read    int
}

func (a *jsonArray) Read(p []byte) (int, error) {
	for len(a.pending) == 0 {
		switch {
		case a.next == 0 && a.n > 0:
			a.pending = fmt.Appendf(a.pending, "[%s", jsonArrayItem(0))
		case a.next == 0:
			a.pending = append(a.pending, "[]"...)
		case a.next < a.n:
			a.pending = fmt.Appendf(a.pending, ",%s", jsonArrayItem(a.next))
		case a.next == a.n:
			a.pending = append(a.pending, ']')
		default:
			return 0, io.EOF
		}
		a.next++
	}
	n := copy(p, a.pending)
	a.pending = a.pending[n:]
	a.read += n
	return n, nil
}

func jsonArrayItem(i int) string {
	return fmt.Sprintf(`{"id": %d, "name": "item number %d"}`, i, i)
}

func TestDecodeJSONStreamsALargeArray(t *testing.T) {
	const (
		n = 20_000 // about 800 KB of JSON
		// readAhead bounds how many bytes the decoder may have read beyond
		// the value it hands over.
		readAhead = 64 << 10
	)
	src := &jsonArray{n: n}
	consumed := 1 // the "["
	i := 0
	for v, err := range seq.DecodeJSON[jsonItem](src) {
		if err != nil {
			t.Fatalf("element %d: %v", i, err)
		}
		if v.ID != i {
			t.Fatalf("element %d has id %d", i, v.ID)
		}
		consumed += len(jsonArrayItem(i)) + 1
		if ahead := src.read - consumed; ahead > readAhead {
			t.Fatalf("at element %d the decoder had read %d bytes beyond it, want at most %d", i, ahead, readAhead)
		}
		i++
	}
	if i != n {
		t.Errorf("DecodeJSON of an array of %d items gave %d", n, i)
	}
}

// BenchmarkDecodeJSONArray decodes an array of b.N items generated on the
// fly. The bytes and allocations per item stay the same as b.N grows, and
// TestDecodeJSONStreamsALargeArray shows the decoder reads only a bounded
// distance ahead: the array is never held in memory.
func BenchmarkDecodeJSONArray(b *testing.B) {
	b.ReportAllocs()
	n := 0
	for _, err := range seq.DecodeJSON[jsonItem](&jsonArray{n: b.N}) {
		if err != nil {
			b.Fatal(err)
		}
		n++
	}
	if n != b.N {
		b.Fatalf("decoded %d items, want %d", n, b.N)
	}
}
