// Command ratios turns benchstat's CSV output into one markdown table that
// compares itergen with its peers.
//
// It reads, on standard input, the output of
//
//	benchstat -format csv -row .name -col /impl results.txt
//
// for benchmarks named Benchmark<Workload>/impl=<contender>, and prints a
// table with a row per workload and contender: the median time per
// operation with its confidence interval, the time per element, the memory
// allocated per operation, and the ratio of the contender's time to that of
// the best peer of its workload. A contender whose name starts with
// "itergen" is itergen; every other contender, hand-written code included,
// is a peer, and the best peer is the fastest of them. Metrics other than
// these (throughput, efficiency) go into a last column.
package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

// workloads describes the rows of the benchmark suite for readers of the
// table, in the order the table shows them; a workload missing here comes
// last, shown by its benchmark name.
var workloads = []struct{ name, title string }{
	{"Pipeline", "Map → Filter → Take, 1M ints"},
	{"Step", "generator step, one value"},
	{"MapCPU", "concurrent map, trivial f, 4 workers, 100k ints"},
	{"MapIO", "concurrent map, f waits 1 ms, 64 workers, 2000 ints"},
	{"MapUneven4", "ordered map, f waits 2 ms log-normal (σ = 1), 4 workers, 1500 ints; window 16n"},
	{"MapUneven16", "ordered map, f waits 2 ms log-normal (σ = 1), 16 workers, 1500 ints; window 16n"},
	{"MapUneven64", "ordered map, f waits 2 ms log-normal (σ = 1), 64 workers, 1500 ints; window 16n"},
	{"MapByKey", "map by key, trivial f, 16 keys, 4 workers, 100k ints"},
	{"Merge", "merge 8 sources, 100k ints"},
	{"FlatMapCPU", "concurrent flat-map, inner streams of 10, 4 at once, 100k elements"},
	{"ForEachCPU", "concurrent for-each, trivial f, 4 at once, 100k ints"},
	{"Collect", "collect 1M ints into a slice"},
}

// The units that have columns of their own; any other unit is a note.
const (
	unitTime   = "sec/op"
	unitElem   = "sec/elem"
	unitBytes  = "B/op"
	unitAllocs = "allocs/op"
)

// summary is one benchstat cell: a median and its confidence interval.
type summary struct {
	value float64
	ci    string
}

// contender holds the summaries of one contender of a workload, by unit.
type contender struct {
	name  string
	units map[string]summary
	notes []string // units outside the fixed columns, in input order
}

// workload holds the contenders of one benchmark, in input order.
type workload struct {
	name       string
	title      string
	contenders []*contender
}

func main() {
	ws, err := parse(os.Stdin)
	if err == nil && len(ws) == 0 {
		err = errors.New("no benchmark results in the input")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "ratios:", err)
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	write(w, order(ws))
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "ratios:", err)
		os.Exit(1)
	}
}

// parse reads benchstat's CSV: one table per unit, each headed by a row of
// column names (a name starts the group of cells that belongs to it) and a
// row of units, then one row per benchmark and a geomean row. Lines such as
// "goos: linux" come through as records of one field and are skipped.
func parse(r io.Reader) ([]*workload, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	var (
		ws     []*workload
		byName = map[string]*workload{}
		names  []string // the column-name row of the current table
		units  []string // the unit row of the current table
	)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return ws, nil
		}
		if err != nil {
			return nil, err
		}
		switch {
		case len(rec) < 2:
			continue
		case rec[0] == "" && units == nil && names != nil:
			units = rec
			continue
		case rec[0] == "":
			names, units = rec, nil
			continue
		case rec[0] == "geomean" || units == nil:
			continue
		}
		w := byName[rec[0]]
		if w == nil {
			w = &workload{name: rec[0]}
			byName[rec[0]] = w
			ws = append(ws, w)
		}
		for i, name := range names {
			if name == "" || i >= len(rec) || i >= len(units) || rec[i] == "" {
				continue
			}
			v, err := strconv.ParseFloat(rec[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%s/%s %s: %v", rec[0], name, units[i], err)
			}
			s := summary{value: v}
			if i+1 < len(rec) {
				s.ci = rec[i+1]
			}
			w.add(name, units[i], s)
		}
	}
}

func (w *workload) add(name, unit string, s summary) {
	var c *contender
	for _, have := range w.contenders {
		if have.name == name {
			c = have
		}
	}
	if c == nil {
		c = &contender{name: name, units: map[string]summary{}}
		w.contenders = append(w.contenders, c)
	}
	c.units[unit] = s
	switch unit {
	case unitTime, unitElem, unitBytes, unitAllocs:
	default:
		c.notes = append(c.notes, unit)
	}
}

// bestPeer returns the lowest time per operation among the contenders that
// are not itergen, or 0 if the workload has none.
func (w *workload) bestPeer() float64 {
	best := 0.0
	for _, c := range w.contenders {
		t, ok := c.units[unitTime]
		if !ok || isItergen(c.name) == 1 {
			continue
		}
		if best == 0 || t.value < best {
			best = t.value
		}
	}
	return best
}

// order sorts ws into the order of workloads, keeping unknown workloads
// last in input order, puts itergen's contenders first within each, and
// gives each its title.
func order(ws []*workload) []*workload {
	rank := func(w *workload) int {
		for i, known := range workloads {
			if known.name == w.name {
				return i
			}
		}
		return len(workloads)
	}
	slices.SortStableFunc(ws, func(a, b *workload) int { return rank(a) - rank(b) })
	for _, w := range ws {
		slices.SortStableFunc(w.contenders, func(a, b *contender) int {
			return isItergen(b.name) - isItergen(a.name)
		})
		w.title = w.name
		if i := rank(w); i < len(workloads) {
			w.title = workloads[i].title
		}
	}
	return ws
}

// isItergen reports 1 for a contender that is itergen and 0 for a peer.
func isItergen(name string) int {
	if strings.HasPrefix(name, "itergen") {
		return 1
	}
	return 0
}

func write(w io.Writer, ws []*workload) {
	fmt.Fprintln(w, "| Workload | Implementation | Time/op | Per element | Memory/op | Allocs/op | vs best peer | Notes |")
	fmt.Fprintln(w, "|---|---|--:|--:|--:|--:|--:|---|")
	for _, wl := range ws {
		title := wl.title
		best := wl.bestPeer()
		for _, c := range wl.contenders {
			name := "`" + c.name + "`"
			if isItergen(c.name) == 1 {
				name = "**" + name + "**"
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s |\n",
				title, name,
				withCI(c.units, unitTime, duration),
				withoutCI(c.units, unitElem, duration),
				withoutCI(c.units, unitBytes, bytes),
				withoutCI(c.units, unitAllocs, count),
				ratio(c.units, best),
				notes(c))
			title = ""
		}
	}
}

func withCI(units map[string]summary, unit string, format func(float64) string) string {
	s, ok := units[unit]
	if !ok {
		return "–"
	}
	if s.ci == "" || s.ci == "∞" {
		return format(s.value)
	}
	return format(s.value) + " ±" + s.ci
}

func withoutCI(units map[string]summary, unit string, format func(float64) string) string {
	s, ok := units[unit]
	if !ok {
		return "–"
	}
	return format(s.value)
}

func ratio(units map[string]summary, best float64) string {
	t, ok := units[unitTime]
	if !ok || best == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", t.value/best)
}

func notes(c *contender) string {
	var parts []string
	for _, unit := range c.notes {
		v := significant(c.units[unit].value)
		if rest, ok := strings.CutPrefix(unit, "%"); ok {
			parts = append(parts, v+"% of "+rest) // "%ideal" reads "97.5% of ideal"
		} else {
			parts = append(parts, v+" "+unit)
		}
	}
	return strings.Join(parts, ", ")
}

// duration formats seconds with three significant digits in a unit that
// keeps the number between 1 and 1000.
func duration(sec float64) string {
	switch a := math.Abs(sec); {
	case a == 0:
		return "0"
	case a < 1e-6:
		return significant(sec*1e9) + " ns"
	case a < 1e-3:
		return significant(sec*1e6) + " µs"
	case a < 1:
		return significant(sec*1e3) + " ms"
	default:
		return significant(sec) + " s"
	}
}

func bytes(b float64) string {
	switch a := math.Abs(b); {
	case a < 1<<10:
		return fmt.Sprintf("%.0f B", b)
	case a < 1<<20:
		return significant(b/(1<<10)) + " KiB"
	default:
		return significant(b/(1<<20)) + " MiB"
	}
}

func count(n float64) string {
	if n == math.Trunc(n) {
		return strconv.FormatFloat(n, 'f', 0, 64)
	}
	return significant(n)
}

// significant formats v with three significant digits and no exponent.
func significant(v float64) string {
	switch a := math.Abs(v); {
	case a >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	default:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
}
