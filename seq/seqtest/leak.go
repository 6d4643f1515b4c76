package seqtest

import (
	"bytes"
	"fmt"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"
)

// Goroutines are attributed to a range by a pprof label: the range's
// goroutine carries one of its own, and the runtime copies a goroutine's
// labels to every goroutine it starts, so whatever the stream started,
// directly or not, carries it too. Reading labels takes a goroutine
// profile, which costs up to a millisecond under the race detector, so a
// cheap stack dump comes first: when no goroutine exists that did not exist
// before the range, nothing can have leaked.

// pooled lists the functions that start the goroutines of connection
// pools — an idle HTTP keep-alive connection, database/sql's cleaner:
// they belong to a pool that outlives any one request by design, not to
// the stream that made the request.
var pooled = []string{
	"net/http.(*persistConn).readLoop",
	"net/http.(*persistConn).writeLoop",
	"net/http.(*http2ClientConn).readLoop",
	"golang.org/x/net/http2.(*ClientConn).readLoop",
	"database/sql.(*DB).connectionCleaner",
	"database/sql.(*DB).connectionOpener",
}

func isPooled(start string) bool {
	for _, f := range pooled {
		if start == f {
			return true
		}
	}
	return false
}

// A stacks holds the buffer that goroutine dumps are written to, reused
// from one dump to the next, and the last dump taken after a range.
type stacks struct {
	buf  []byte
	last map[int64]string
}

// before returns the goroutines that exist before a range: the last dump
// taken after the range before it, if there is one. Goroutines started
// in between, with no range running, are not the next range's either.
func (st *stacks) before() map[int64]string {
	gs := st.last
	st.last = nil
	if gs == nil {
		gs = st.snapshot()
	}
	return gs
}

// snapshot returns the ids of the goroutines that exist now, each with the
// function it started with.
func (st *stacks) snapshot() map[int64]string {
	if st.buf == nil {
		st.buf = make([]byte, 16<<10)
	}
	var dump []byte
	for {
		n := runtime.Stack(st.buf, true)
		if n < len(st.buf) {
			dump = st.buf[:n]
			break
		}
		st.buf = make([]byte, 2*len(st.buf))
	}
	gs := make(map[int64]string)
	var (
		id          int64  = -1
		prev, prev2 []byte // the two lines before the current one
	)
	for len(dump) > 0 {
		line := dump
		if i := bytes.IndexByte(dump, '\n'); i >= 0 {
			line, dump = dump[:i], dump[i+1:]
		} else {
			dump = nil
		}
		switch {
		case bytes.HasPrefix(line, []byte("goroutine ")):
			id = -1
			digits := line[len("goroutine "):]
			if i := bytes.IndexByte(digits, ' '); i > 0 {
				if n, err := strconv.ParseInt(string(digits[:i]), 10, 64); err == nil {
					id = n
					gs[id] = ""
				}
			}
		case bytes.HasPrefix(line, []byte("created by ")) && id >= 0 && prev2 != nil:
			// The start function is the last frame: its function line
			// comes just before its file line, just before "created by".
			gs[id] = funcName(string(prev2))
		}
		prev2, prev = prev, line
	}
	return gs
}

// funcName returns the function of a traceback line "pkg.F(0x1, 0x2)".
func funcName(line string) string {
	if i := strings.LastIndexByte(line, '('); i > 0 {
		return line[:i]
	}
	return line
}

// anyNew reports whether a goroutine exists that is not in before, other
// than the range's own goroutine (which is ending) and pooled connections.
func (st *stacks) anyNew(before map[int64]string, self int64) bool {
	st.last = st.snapshot()
	for id, start := range st.last {
		if _, ok := before[id]; !ok && id != self && !isPooled(start) {
			return true
		}
	}
	return false
}

// leaks waits up to grace for the goroutines labelled label to end and
// describes those that did not, or returns "".
func (st *stacks) leaks(before map[int64]string, self int64, label string, grace time.Duration) string {
	deadline := time.Now().Add(grace)
	pause := 20 * time.Microsecond
	for try := 0; ; try++ {
		if !st.anyNew(before, self) {
			return ""
		}
		if try >= 2 {
			// Goroutines that end as the range returns are gone by now;
			// see whether those left are the stream's.
			n, where := labelled(label)
			if n == 0 {
				return ""
			}
			if time.Now().After(deadline) {
				what := "1 goroutine the stream started was"
				if n > 1 {
					what = fmt.Sprintf("%d goroutines the stream started were", n)
				}
				return fmt.Sprintf("%s still running %v after the range statement returned (%s); want none: a stream waits for its goroutines before it returns", what, grace, where)
			}
		}
		if try == 0 {
			runtime.Gosched()
			continue
		}
		time.Sleep(pause)
		pause = min(2*pause, 20*time.Millisecond)
	}
}

// labelled counts the goroutines labelled label, other than pooled
// connections, and says where the first of them started and where it is.
func labelled(label string) (n int, where string) {
	var buf bytes.Buffer
	if err := pprof.Lookup("goroutine").WriteTo(&buf, 1); err != nil {
		return 0, ""
	}
	mark := strconv.Quote(labelKey) + ":" + strconv.Quote(label)
	for _, block := range strings.Split(buf.String(), "\n\n") {
		if !strings.Contains(block, mark) {
			continue
		}
		// "3 @ 0x… 0x…", "# labels: {…}", then "#\t0x…\tpkg.F+0x…\tfile:line"
		// from the top of the stack down.
		lines := strings.Split(block, "\n")
		count, _, _ := strings.Cut(lines[0], " ")
		c, err := strconv.Atoi(count)
		if err != nil {
			continue
		}
		var frames []string
		for _, l := range lines[1:] {
			f := strings.Split(l, "\t")
			if len(f) >= 4 && f[0] == "#" {
				fn, _, _ := strings.Cut(f[2], "+0x")
				frames = append(frames, fn+" at "+strings.TrimSpace(f[len(f)-1]))
			}
		}
		if len(frames) == 0 || isPooled(strings.Fields(frames[len(frames)-1])[0]) {
			continue
		}
		if n == 0 {
			where = "one is in " + frames[0]
			if len(frames) > 1 {
				where = "one started as " + frames[len(frames)-1] + " is now in " + frames[0]
			}
		}
		n += c
	}
	return n, where
}
