package collect_test

import (
	"errors"
	"fmt"
	"iter"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/itergen/itergen/collect"
	"github.com/itergen/itergen/internal/streamtest"
)

// prefix is the model of "stop at the first error": the values of in before
// its first error element, and that error. The values are nil when there
// are none, as Slice returns them.
func prefix[T any](in []streamtest.Elem[T]) ([]T, error) {
	var vs []T
	for _, e := range in {
		if e.Err != nil {
			return vs, e.Err
		}
		vs = append(vs, e.V)
	}
	return vs, nil
}

// readUntil is the number of elements a consumer takes from in when it
// stops at the first error element or at the first value for which stop
// returns true (never when stop is nil).
func readUntil[T any](in []streamtest.Elem[T], stop func(T) bool) int {
	for i, e := range in {
		if e.Err != nil || (stop != nil && stop(e.V)) {
			return i + 1
		}
	}
	return len(in)
}

// checkSource fails the test unless src was ranged once, cleaned up once
// and produced exactly produced elements: a consumer that stops reads no
// element more than it needs.
func checkSource[T any](t *testing.T, src *streamtest.Source[T], produced int) {
	t.Helper()
	starts, cleanups, got := src.Stats()
	if starts != 1 || cleanups != 1 {
		t.Errorf("source started %d times, cleaned up %d times, want 1 and 1", starts, cleanups)
	}
	if got != produced {
		t.Errorf("source produced %d elements, want %d", got, produced)
	}
}

// checkErr fails the test unless err is want itself: consumers return the
// stream's error element unchanged.
func checkErr(t *testing.T, call string, err, want error) {
	t.Helper()
	if err != want {
		t.Errorf("%s error = %v, want %v", call, err, want)
	}
}

// count returns an infinite stream 0, 1, 2, … and reports, through pulled
// and stopped, how many values it yielded and whether it was stopped.
func count(pulled *int, stopped *bool) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		defer func() { *stopped = true }()
		for i := 0; ; i++ {
			*pulled++
			if !yield(i, nil) {
				return
			}
		}
	}
}

// ints returns a stream of 0 … n-1 that allocates nothing per element.
func ints(n int) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for i := range n {
			if !yield(i, nil) {
				return
			}
		}
	}
}

// consumer is every function of the package, reduced to the error it
// returns. Find, Any and All get predicates that never decide early, so
// every consumer but First reads its stream to the end.
type consumer struct {
	name string
	run  func(s iter.Seq2[int, error]) error
}

func consumers() []consumer {
	isEven := func(v int) bool { return v%2 == 0 }
	key := func(v int) int { return v % 4 }
	return []consumer{
		{"collect.Slice", func(s iter.Seq2[int, error]) error { _, err := collect.Slice(s); return err }},
		{"collect.Map", func(s iter.Seq2[int, error]) error { _, err := collect.Map(s, key); return err }},
		{"collect.Set", func(s iter.Seq2[int, error]) error { _, err := collect.Set(s); return err }},
		{"collect.GroupBy", func(s iter.Seq2[int, error]) error { _, err := collect.GroupBy(s, key); return err }},
		{"collect.Partition", func(s iter.Seq2[int, error]) error { _, _, err := collect.Partition(s, isEven); return err }},
		{"collect.Count", func(s iter.Seq2[int, error]) error { _, err := collect.Count(s); return err }},
		{"collect.Reduce", func(s iter.Seq2[int, error]) error {
			_, err := collect.Reduce(s, 0, func(a, v int) int { return a + v })
			return err
		}},
		{"collect.First", func(s iter.Seq2[int, error]) error { _, _, err := collect.First(s); return err }},
		{"collect.Last", func(s iter.Seq2[int, error]) error { _, _, err := collect.Last(s); return err }},
		{"collect.Find", func(s iter.Seq2[int, error]) error {
			_, _, err := collect.Find(s, func(int) bool { return false })
			return err
		}},
		{"collect.Any", func(s iter.Seq2[int, error]) error {
			_, err := collect.Any(s, func(int) bool { return false })
			return err
		}},
		{"collect.All", func(s iter.Seq2[int, error]) error {
			_, err := collect.All(s, func(int) bool { return true })
			return err
		}},
		{"collect.Min", func(s iter.Seq2[int, error]) error { _, _, err := collect.Min(s); return err }},
		{"collect.Max", func(s iter.Seq2[int, error]) error { _, _, err := collect.Max(s); return err }},
		{"collect.Sum", func(s iter.Seq2[int, error]) error { _, err := collect.Sum(s); return err }},
		{"collect.Sorted", func(s iter.Seq2[int, error]) error { _, err := collect.Sorted(s); return err }},
		{"collect.SortedFunc", func(s iter.Seq2[int, error]) error {
			_, err := collect.SortedFunc(s, func(a, b int) int { return a - b })
			return err
		}},
		{"collect.ForEach", func(s iter.Seq2[int, error]) error {
			return collect.ForEach(s, func(int) error { return nil })
		}},
		{"collect.Drain", collect.Drain[int]},
	}
}

// TestAllocs checks that consumers allocate nothing per element. A range
// over a stream costs a few allocations once (the loop body's closure and
// the variables it shares), so scalar consumers must allocate the same for
// 1000 elements as for 10. Containers pay only for their own growth: slices
// double, maps grow by tables (and, before Go 1.24, by single overflow
// buckets), far below one allocation per element.
func TestAllocs(t *testing.T) {
	const (
		perRange  = 8 // the most a scalar consumer may allocate per call
		long      = 1000
		growth    = long / 10 // the most a container may allocate for long elements
		short     = 10
		allocRuns = 20
	)
	containers := map[string]bool{
		"collect.Slice": true, "collect.Map": true, "collect.Set": true, "collect.GroupBy": true,
		"collect.Partition": true, "collect.Sorted": true, "collect.SortedFunc": true,
	}
	for _, c := range consumers() {
		t.Run(c.name, func(t *testing.T) {
			allocs := func(n int) float64 {
				s := ints(n)
				return testing.AllocsPerRun(allocRuns, func() {
					if err := c.run(s); err != nil {
						t.Fatal(err)
					}
				})
			}
			a10, a1000 := allocs(short), allocs(long)
			if containers[c.name] {
				if a1000 > growth {
					t.Errorf("%s over %d elements: %v allocations, want at most %d", c.name, long, a1000, growth)
				}
				return
			}
			if a1000 != a10 || a1000 > perRange {
				t.Errorf("%s: %v allocations over %d elements, %v over %d; want the same, at most %d",
					c.name, a1000, long, a10, short, perRange)
			}
		})
	}
}

func TestForEach(t *testing.T) {
	errStop := errors.New("stop")
	tests := []struct {
		name   string
		failAt int // f fails at this value; -1 never
	}{
		{"f never fails", -1},
		{"f fails at 2", 2},
		{"f fails at 5", 5},
	}
	for _, c := range streamtest.Cases() {
		for _, tt := range tests {
			t.Run(c.Name+"/"+tt.name, func(t *testing.T) {
				vs, wantErr := prefix(c.Input)
				var want []int
				for _, v := range vs {
					want = append(want, v)
					if v == tt.failAt {
						wantErr = errStop
						break
					}
				}
				fails := func(v int) bool { return v == tt.failAt }

				src := streamtest.NewSource(c.Input)
				var got []int
				err := collect.ForEach(src.Seq(), func(v int) error {
					got = append(got, v)
					if fails(v) {
						return errStop
					}
					return nil
				})
				call := fmt.Sprintf("ForEach(%v)", c.Input)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s called f with %v, want %v (-want +got):\n%s", call, got, want, diff)
				}
				checkErr(t, call, err, wantErr)
				checkSource(t, src, readUntil(c.Input, fails))
			})
		}
	}
}

func TestDrain(t *testing.T) {
	for _, c := range streamtest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			_, want := prefix(c.Input)
			src := streamtest.NewSource(c.Input)
			err := collect.Drain(src.Seq())
			checkErr(t, fmt.Sprintf("Drain(%v)", c.Input), err, want)
			checkSource(t, src, readUntil[int](c.Input, nil))
		})
	}
}
