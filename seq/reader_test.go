package seq_test

import (
	"bufio"
	"errors"
	"io"
	"iter"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"

	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

var errRead = errors.New("test: read failed")

// dataThenError returns data and err from its first Read, together, and err
// from every Read after it.
type dataThenError struct {
	data string
	err  error
	done bool
}

func (r *dataThenError) Read(p []byte) (int, error) {
	if r.done {
		return 0, r.err
	}
	if len(p) < len(r.data) {
		panic("dataThenError: buffer too small for the test's data")
	}
	r.done = true
	return copy(p, r.data), r.err
}

// readers wraps an input in readers that hand it over in different cuts.
var readers = []struct {
	name string
	wrap func(io.Reader) io.Reader
}{
	{"whole", func(r io.Reader) io.Reader { return r }},
	{"one byte", iotest.OneByteReader},
	{"half", iotest.HalfReader},
	{"data with EOF", iotest.DataErrReader},
}

func TestLines(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"one line without newline", "a", []string{"a"}},
		{"one line", "a\n", []string{"a"}},
		{"last line without newline", "a\nb", []string{"a", "b"}},
		{"crlf", "a\r\nb\r\n", []string{"a", "b"}},
		{"mixed endings", "a\r\nb\nc", []string{"a", "b", "c"}},
		{"empty lines", "\n\n", []string{"", ""}},
		{"empty crlf line", "\r\n", []string{""}},
		{"cr inside a line", "a\rb\n", []string{"a\rb"}},
		{"cr at the end of input", "a\r", []string{"a"}},
		{"only cr", "\r", []string{""}},
		{"double cr", "a\r\r\n", []string{"a\r"}},
	}
	for _, tt := range tests {
		for _, rd := range readers {
			t.Run(tt.name+"/"+rd.name, func(t *testing.T) {
				var got []string
				for line, err := range seq.Lines(rd.wrap(strings.NewReader(tt.in))) {
					if err != nil {
						t.Fatalf("Lines(%q) yielded error %v", tt.in, err)
					}
					got = append(got, line)
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("Lines(%q) = %q, want %q (-want +got):\n%s", tt.in, got, tt.want, diff)
				}
			})
		}
	}
}

func TestLinesContract(t *testing.T) {
	const in = "a\nbb\r\n\nccc"
	checkSource(t, func() iter.Seq2[string, error] { return seq.Lines(strings.NewReader(in)) },
		streamtest.Vals("a", "bb", "", "ccc"))
	checkSource(t, func() iter.Seq2[string, error] { return seq.Lines(&dataThenError{data: in, err: errRead}) },
		append(streamtest.Vals("a", "bb", "", "ccc"), streamtest.Err[string](errRead)))
}

func TestLinesNoLengthLimit(t *testing.T) {
	long := strings.Repeat("0123456789abcdef", 10<<20/16) // 10 MiB
	tests := []struct {
		name string
		long string
		wrap func(io.Reader) io.Reader
	}{
		{"10 MiB", long, readers[0].wrap},
		{"1 MiB half", long[:1<<20], iotest.HalfReader},
		// One byte per Read is slow: a line of a few read buffers is enough.
		{"300 KiB one byte", long[:300<<10], iotest.OneByteReader},
	}
	for _, tt := range tests {
		in := "short\n" + tt.long + "\r\n" + tt.long[:100<<10] + "\nend"
		want := []string{"short", tt.long, tt.long[:100<<10], "end"}
		rd := struct{ wrap func(io.Reader) io.Reader }{tt.wrap}
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for line, err := range seq.Lines(rd.wrap(strings.NewReader(in))) {
				if err != nil {
					t.Fatalf("Lines yielded error %v", err)
				}
				got = append(got, line)
			}
			if len(got) != len(want) {
				t.Fatalf("Lines of a 10 MiB line gave %d lines, want %d", len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("line %d: got %d bytes, want %d", i+1, len(got[i]), len(want[i]))
				}
			}
		})
	}
}

func TestLinesReadError(t *testing.T) {
	tests := []struct {
		name string
		r    io.Reader
		want []streamtest.Elem[string]
	}{
		{"error at once", iotest.ErrReader(errRead), []streamtest.Elem[string]{streamtest.Err[string](errRead)}},
		{"data with the error", &dataThenError{data: "a\nb", err: errRead},
			append(streamtest.Vals("a", "b"), streamtest.Err[string](errRead))},
		{"whole lines with the error", &dataThenError{data: "a\nb\n", err: errRead},
			append(streamtest.Vals("a", "b"), streamtest.Err[string](errRead))},
		{"error after reads", io.MultiReader(strings.NewReader("a\nb"), iotest.ErrReader(errRead)),
			append(streamtest.Vals("a", "b"), streamtest.Err[string](errRead))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := streamtest.Collect(seq.Lines(tt.r))
			if diff := cmp.Diff(tt.want, got, sourceErrorsEqual); diff != "" {
				t.Errorf("Lines = %v, want %v (-want +got):\n%s", got, tt.want, diff)
			}
		})
	}
}

func TestLinesSecondRangeGoesOn(t *testing.T) {
	lines := seq.Lines(strings.NewReader("a\nb\nc\n"))
	var got []string
	for line := range lines {
		got = append(got, line)
		break
	}
	for line := range lines {
		got = append(got, line)
	}
	if want := []string{"a", "b", "c"}; !cmp.Equal(want, got) {
		t.Errorf("Lines: a range broken after one line, then a second range = %q, want %q", got, want)
	}
}

func TestLinesAllocsPerLine(t *testing.T) {
	const lines = 1000
	in := strings.Repeat("a line of text that is long enough\n", lines)
	n := 0
	allocs := testing.AllocsPerRun(20, func() {
		n = 0
		for _, err := range seq.Lines(strings.NewReader(in)) {
			if err == nil {
				n++
			}
		}
	})
	if n != lines {
		t.Fatalf("Lines yielded %d lines, want %d", n, lines)
	}
	// One string per line, plus what a range makes once: the reader, the
	// stream, its buffer.
	if allocs > lines+10 {
		t.Errorf("Lines over %d lines: %v allocations per range, want at most %d", lines, allocs, lines+10)
	}
}

// FuzzLines compares Lines with a bufio.Scanner that has room for any line.
func FuzzLines(f *testing.F) {
	for _, s := range []string{"", "a", "a\nb", "a\r\n\r\nb\r", "\n\r\n\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		sc := bufio.NewScanner(strings.NewReader(in))
		sc.Buffer(nil, len(in)+1)
		var want []string
		for sc.Scan() {
			want = append(want, sc.Text())
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		var got []string
		for line, err := range seq.Lines(iotest.HalfReader(strings.NewReader(in))) {
			if err != nil {
				t.Fatalf("Lines(%q) yielded error %v", in, err)
			}
			got = append(got, line)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Lines(%q) = %q, want %q as bufio.Scanner gives (-want +got):\n%s", in, got, want, diff)
		}
	})
}

// emptyReader returns no data and no error, a Read that breaks the io.Reader
// contract's advice.
type emptyReader struct{}

func (emptyReader) Read([]byte) (int, error) { return 0, nil }

func TestReadersGiveUpOnNoProgress(t *testing.T) {
	lines := streamtest.Collect(seq.Lines(io.MultiReader(strings.NewReader("a\n"), emptyReader{})))
	want := []streamtest.Elem[string]{{V: "a"}, {Err: io.ErrNoProgress}}
	if diff := cmp.Diff(want, lines, sourceErrorsEqual); diff != "" {
		t.Errorf("Lines of a reader without progress = %v, want %v (-want +got):\n%s", lines, want, diff)
	}
	values := streamtest.Collect(seq.DecodeJSON[int](io.MultiReader(strings.NewReader("[1, "), emptyReader{})))
	wantValues := []streamtest.Elem[int]{{V: 1}, {Err: io.ErrNoProgress}}
	if diff := cmp.Diff(wantValues, values, sourceErrorsEqual); diff != "" {
		t.Errorf("DecodeJSON of a reader without progress = %v, want %v (-want +got):\n%s", values, wantValues, diff)
	}
}

func TestReaderCallTimePanics(t *testing.T) {
	tests := []struct {
		name string
		call func()
		want string
	}{
		{"Lines nil reader", func() { seq.Lines(nil) }, "seq.Lines: nil reader"},
		{"DecodeJSON nil reader", func() { seq.DecodeJSON[int](nil) }, "seq.DecodeJSON: nil reader"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := trPanicValue(tt.call); got != tt.want {
				t.Errorf("%s panicked with %v, want %q", tt.name, got, tt.want)
			}
		})
	}
}
