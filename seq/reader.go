package seq

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"iter"
)

// linesBufSize is the read buffer of Lines: lines up to this long are cut
// from it without copying; longer ones are gathered in a second buffer.
const linesBufSize = 64 << 10

// Lines returns a stream of the lines of r, split as [bufio.ScanLines]
// splits them: without the "\n" or "\r\n" that ends each line, and with a
// last line that has no "\n" yielded too. Unlike a [bufio.Scanner], Lines has
// no limit on the length of a line. Empty input gives the empty stream. A
// read error other than [io.EOF] is the last element, after the data r
// returned with it.
//
// Lines reads r on the consumer's goroutine, through a buffer, and never
// closes it; a Read that blocks is waited for (cancel or close what feeds
// r). The stream is single use: a second range goes on with the line after
// the last one handed over. Each line costs one allocation, the string.
//
// Lines panics if r is nil.
func Lines(r io.Reader) iter.Seq2[string, error] {
	if r == nil {
		panic("seq.Lines: nil reader")
	}
	var br *bufio.Reader // made on the first range, kept for the next
	return func(yield func(string, error) bool) {
		if br == nil {
			br = bufio.NewReaderSize(r, linesBufSize)
		}
		var long []byte
		for {
			line, err := br.ReadSlice('\n')
			if err == bufio.ErrBufferFull {
				long = append(long[:0], line...)
				for err == bufio.ErrBufferFull {
					line, err = br.ReadSlice('\n')
					long = append(long, line...)
				}
				line = long
			}
			if len(line) > 0 {
				if !yield(string(dropEOL(line)), nil) {
					return
				}
			}
			if err != nil {
				if err != io.EOF {
					yield("", err)
				}
				return
			}
		}
	}
}

// dropEOL cuts a trailing "\n", then a trailing "\r", as bufio.ScanLines does.
func dropEOL(line []byte) []byte {
	if n := len(line); n > 0 && line[n-1] == '\n' {
		line = line[:n-1]
	}
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line
}

// DecodeJSON returns a stream of the JSON values in r, each decoded into a T
// with [encoding/json]: the elements of a top-level array, one at a time,
// without holding the array in memory; or a sequence of values separated by
// white space, such as NDJSON. Each top-level array gives its elements and
// any other top-level value is one element, so several arrays one after
// another give all their elements (and NDJSON whose lines are arrays gives
// the arrays' elements, not the arrays). Empty input or an empty array
// gives the empty stream.
//
// A value that does not fit T (a [*json.UnmarshalTypeError], or an error
// from T's UnmarshalJSON) is an error element, and decoding goes on with the
// next value. A syntax error, input that ends inside a value, or a read error
// is the last element.
//
// DecodeJSON reads r on the consumer's goroutine, through a buffer, and never
// closes it; a Read that blocks is waited for. The stream is single use: a
// second range goes on with the value after the last one handed over.
//
// DecodeJSON panics if r is nil.
func DecodeJSON[T any](r io.Reader) iter.Seq2[T, error] {
	if r == nil {
		panic("seq.DecodeJSON: nil reader")
	}
	var d *jsonStream // made on the first range, kept for the next
	return func(yield func(T, error) bool) {
		if d == nil {
			d = newJSONStream(r)
		}
		var zero T
		for {
			more, err := d.next()
			if err != nil {
				yield(zero, d.cause(err))
				return
			}
			if !more {
				return
			}
			var v T
			if err := d.dec.Decode(&v); err != nil {
				if d.fatal(err) {
					yield(zero, d.cause(err))
					return
				}
				if !yield(zero, err) {
					return
				}
				continue
			}
			if !yield(v, nil) {
				return
			}
		}
	}
}

// jsonStream walks the top level of a JSON input: it steps into each array
// and out of it again, so that Decode sees one element or one top-level
// value at a time.
type jsonStream struct {
	dec     *json.Decoder
	src     *readErrRecorder
	inArray bool
}

func newJSONStream(r io.Reader) *jsonStream {
	src := &readErrRecorder{r: r}
	return &jsonStream{dec: json.NewDecoder(src), src: src}
}

// next reports whether a value follows for Decode, stepping into and out
// of top-level arrays on the way. It returns an error that ends the stream.
func (d *jsonStream) next() (bool, error) {
	for {
		if d.inArray {
			if d.dec.More() {
				return true, nil
			}
			// Token consumes the "]", or reports the error that stopped More.
			if _, err := d.dec.Token(); err != nil {
				return false, err
			}
			d.inArray = false
			continue
		}
		if !d.dec.More() {
			// At the end of the input Token returns io.EOF; a stray "]" or
			// "}" and a read error come back as they are.
			if _, err := d.dec.Token(); err != nil && err != io.EOF {
				return false, err
			}
			return false, nil
		}
		if !d.atArray() {
			return true, nil
		}
		if _, err := d.dec.Token(); err != nil { // the "["
			return false, err
		}
		d.inArray = true
	}
}

// atArray reports whether the next value starts with "[". It is called only
// after More returned true, so that byte is in the decoder's buffer.
func (d *jsonStream) atArray() bool {
	buf := d.dec.Buffered().(io.ByteReader)
	for {
		c, err := buf.ReadByte()
		if err != nil {
			return false
		}
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c == '['
	}
}

// fatal reports whether a Decode error ends the stream: a syntax error,
// input that ends inside a value, or an error of the reader. The decoder
// keeps returning those; any other error is about one value, which the
// decoder has consumed whole.
func (d *jsonStream) fatal(err error) bool {
	var syntax *json.SyntaxError
	return errors.As(err, &syntax) || err == io.ErrUnexpectedEOF || err == io.EOF ||
		(d.src.err != nil && err == d.src.err)
}

// cause returns the error that ends the stream: the reader's error if it
// failed, since the decoder may have seen only the truncated input it left;
// io.EOF, which the decoder returns when the input ends after a comma,
// becomes io.ErrUnexpectedEOF.
func (d *jsonStream) cause(err error) error {
	if d.src.err != nil {
		return d.src.err
	}
	return eofInValue(err)
}

// eofInValue turns io.EOF into io.ErrUnexpectedEOF: the stream ends
// inside an array.
func eofInValue(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// readErrRecorder keeps the first error other than io.EOF that r returned
// and returns it from then on without reading r again. The decoder drops an
// error that comes with data and reads again; this way it sees the error
// on that next read, and DecodeJSON can tell a read error from a value's.
// Like bufio, it gives up with io.ErrNoProgress on a reader that keeps
// returning no data and no error, where the decoder would spin.
type readErrRecorder struct {
	r     io.Reader
	err   error
	empty int // reads in a row that returned nothing
}

func (e *readErrRecorder) Read(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.r.Read(p)
	if n == 0 && err == nil {
		if e.empty++; e.empty == 100 {
			err = io.ErrNoProgress
		}
	} else {
		e.empty = 0
	}
	if err != nil && err != io.EOF {
		e.err = err
	}
	return n, err
}
