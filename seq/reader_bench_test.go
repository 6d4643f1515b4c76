package seq_test

import (
	"bufio"
	"io"
	"strings"
	"testing"

	"github.com/itergen/itergen/seq"
)

// linesBenchSize is how much text each benchmark op reads: 100 MB of lines
// of 0 to 119 bytes, built by repeating one generated block.
const linesBenchSize = 100 << 20

var linesBlock = func() string {
	var sb strings.Builder
	for i := 0; sb.Len() < 1<<20; i++ {
		n := (i * 37) % 120
		sb.WriteString(strings.Repeat("x", n))
		if i%5 == 0 {
			sb.WriteString("\r\n")
		} else {
			sb.WriteString("\n")
		}
	}
	return sb.String()
}()

// repeatReader reads block over and over, size bytes in all.
type repeatReader struct {
	block string
	off   int
	left  int
}

func newLinesReader() *repeatReader {
	n := linesBenchSize / len(linesBlock) * len(linesBlock)
	return &repeatReader{block: linesBlock, left: n}
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	if len(p) > r.left {
		p = p[:r.left]
	}
	n := copy(p, r.block[r.off:])
	r.off = (r.off + n) % len(r.block)
	r.left -= n
	return n, nil
}

// sinkLen keeps the lines' lengths alive so the loops cannot be optimised
// away.
var sinkLen int

// BenchmarkLines reads 100 MB of lines per op with seq.Lines; compare it with
// BenchmarkLinesScanner, the loop it replaces.
func BenchmarkLines(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(newLinesReader().left))
	for range b.N {
		total := 0
		for line, err := range seq.Lines(newLinesReader()) {
			if err != nil {
				b.Fatal(err)
			}
			total += len(line)
		}
		sinkLen = total
	}
}

// BenchmarkLinesScanner is the hand-written loop over the same lines: a
// bufio.Scanner with its default buffer and Text for each line.
func BenchmarkLinesScanner(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(newLinesReader().left))
	for range b.N {
		total := 0
		sc := bufio.NewScanner(newLinesReader())
		for sc.Scan() {
			total += len(sc.Text())
		}
		if err := sc.Err(); err != nil {
			b.Fatal(err)
		}
		sinkLen = total
	}
}
