package collect_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/itergen/itergen/collect"
	"github.com/itergen/itergen/internal/streamtest"
)

func TestFirst(t *testing.T) {
	for _, c := range streamtest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			var (
				want    result
				wantErr error
			)
			if len(c.Input) > 0 {
				if e := c.Input[0]; e.Err != nil {
					wantErr = e.Err
				} else {
					want = result{e.V, true}
				}
			}
			src := streamtest.NewSource(c.Input)
			v, ok, err := collect.First(src.Seq())
			call := fmt.Sprintf("First(%v)", c.Input)
			if diff := cmp.Diff(want, result{v, ok}); diff != "" {
				t.Errorf("%s = %v, %v, want %v (-want +got):\n%s", call, v, ok, want, diff)
			}
			checkErr(t, call, err, wantErr)
			checkSource(t, src, min(len(c.Input), 1))
		})
	}
}

// searchModel reads in the way Find, Any and All do: up to the first error
// element or the first value for which stop returns true. It returns that
// value, whether one was found, the values f must be called with, and the
// error.
func searchModel(in []streamtest.Elem[int], stop func(int) bool) (v int, found bool, seen []int, err error) {
	for _, e := range in {
		if e.Err != nil {
			return 0, false, seen, e.Err
		}
		seen = append(seen, e.V)
		if stop(e.V) {
			return e.V, true, seen, nil
		}
	}
	return 0, false, seen, nil
}

// recording wraps f and records the values it is called with.
func recording(f func(int) bool, seen *[]int) func(int) bool {
	return func(v int) bool {
		*seen = append(*seen, v)
		return f(v)
	}
}

func TestFind(t *testing.T) {
	for _, c := range streamtest.Cases() {
		for _, p := range preds {
			t.Run(c.Name+"/"+p.name, func(t *testing.T) {
				wantV, wantOK, wantSeen, wantErr := searchModel(c.Input, p.f)
				src := streamtest.NewSource(c.Input)
				var seen []int
				v, ok, err := collect.Find(src.Seq(), recording(p.f, &seen))
				call := fmt.Sprintf("Find(%v, %s)", c.Input, p.name)
				if diff := cmp.Diff(result{wantV, wantOK}, result{v, ok}); diff != "" {
					t.Errorf("%s = %v, %v, want %v, %v", call, v, ok, wantV, wantOK)
				}
				checkErr(t, call, err, wantErr)
				if diff := cmp.Diff(wantSeen, seen); diff != "" {
					t.Errorf("%s called f with %v, want %v", call, seen, wantSeen)
				}
				checkSource(t, src, readUntil(c.Input, p.f))
			})
		}
	}
}

func TestAny(t *testing.T) {
	for _, c := range streamtest.Cases() {
		for _, p := range preds {
			t.Run(c.Name+"/"+p.name, func(t *testing.T) {
				_, want, wantSeen, wantErr := searchModel(c.Input, p.f)
				src := streamtest.NewSource(c.Input)
				var seen []int
				got, err := collect.Any(src.Seq(), recording(p.f, &seen))
				call := fmt.Sprintf("Any(%v, %s)", c.Input, p.name)
				if got != want {
					t.Errorf("%s = %v, want %v", call, got, want)
				}
				checkErr(t, call, err, wantErr)
				if diff := cmp.Diff(wantSeen, seen); diff != "" {
					t.Errorf("%s called f with %v, want %v", call, seen, wantSeen)
				}
				checkSource(t, src, readUntil(c.Input, p.f))
			})
		}
	}
}

func TestAll(t *testing.T) {
	for _, c := range streamtest.Cases() {
		for _, p := range preds {
			t.Run(c.Name+"/"+p.name, func(t *testing.T) {
				fails := func(v int) bool { return !p.f(v) }
				_, failed, wantSeen, wantErr := searchModel(c.Input, fails)
				want := !failed && wantErr == nil
				src := streamtest.NewSource(c.Input)
				var seen []int
				got, err := collect.All(src.Seq(), recording(p.f, &seen))
				call := fmt.Sprintf("All(%v, %s)", c.Input, p.name)
				if got != want {
					t.Errorf("%s = %v, want %v", call, got, want)
				}
				checkErr(t, call, err, wantErr)
				if diff := cmp.Diff(wantSeen, seen); diff != "" {
					t.Errorf("%s called f with %v, want %v", call, seen, wantSeen)
				}
				checkSource(t, src, readUntil(c.Input, fails))
			})
		}
	}
}

// TestEarlyStop checks that the consumers that can answer early stop an
// infinite stream, and pull no value more than they need.
func TestEarlyStop(t *testing.T) {
	tests := []struct {
		name string
		want string
		call func(pulled *int, stopped *bool) string
	}{
		{"First", "0 true <nil>", func(p *int, s *bool) string {
			v, ok, err := collect.First(count(p, s))
			return fmt.Sprint(v, ok, err)
		}},
		{"Find", "10 true <nil>", func(p *int, s *bool) string {
			v, ok, err := collect.Find(count(p, s), func(v int) bool { return v == 10 })
			return fmt.Sprint(v, ok, err)
		}},
		{"Any", "true <nil>", func(p *int, s *bool) string {
			ok, err := collect.Any(count(p, s), func(v int) bool { return v == 10 })
			return fmt.Sprint(ok, err)
		}},
		{"All", "false <nil>", func(p *int, s *bool) string {
			ok, err := collect.All(count(p, s), func(v int) bool { return v < 10 })
			return fmt.Sprint(ok, err)
		}},
	}
	wantPulled := map[string]int{"First": 1, "Find": 11, "Any": 11, "All": 11}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var (
				pulled  int
				stopped bool
			)
			if got := tt.call(&pulled, &stopped); got != tt.want {
				t.Errorf("%s(0, 1, 2, …) = %s, want %s", tt.name, got, tt.want)
			}
			if !stopped {
				t.Errorf("%s(0, 1, 2, …) did not stop the stream", tt.name)
			}
			if pulled != wantPulled[tt.name] {
				t.Errorf("%s(0, 1, 2, …) pulled %d values, want %d", tt.name, pulled, wantPulled[tt.name])
			}
		})
	}
}
