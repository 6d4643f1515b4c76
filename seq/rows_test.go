package seq_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"iter"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/itergen/itergen/internal/streamtest"
	"github.com/itergen/itergen/seq"
)

var (
	errQuery  = errors.New("test: query failed")
	errRowsAt = errors.New("test: connection lost")
	errStop   = errors.New("test: stopped by the caller")
)

type fruit struct {
	Name  string
	Price int64
}

func scanFruit(rows *sql.Rows) (fruit, error) {
	var f fruit
	err := rows.Scan(&f.Name, &f.Price)
	return f, err
}

func fruitRows(names ...string) [][]driver.Value {
	var out [][]driver.Value
	for i, n := range names {
		var name driver.Value = n
		if n == "NULL" {
			name = nil
		}
		out = append(out, []driver.Value{name, int64(i + 1)})
	}
	return out
}

var fruitCols = []string{"name", "price"}

// checkClosed fails the test unless every rows the table opened was closed.
func checkClosed(t *testing.T, tab *memTable) {
	t.Helper()
	if opened, closed := tab.opened.Load(), tab.closed.Load(); opened != closed {
		t.Errorf("rows opened %d times, closed %d times", opened, closed)
	}
}

func TestRowsContract(t *testing.T) {
	db := openMemDB(0)
	defer db.Close()
	tests := []struct {
		name string
		tab  *memTable
		want []streamtest.Elem[fruit]
	}{
		{"empty", &memTable{cols: fruitCols}, nil},
		{"rows", &memTable{cols: fruitCols, rows: fruitRows("apple", "banana", "cherry")},
			streamtest.Vals(fruit{"apple", 1}, fruit{"banana", 2}, fruit{"cherry", 3})},
		{"scan error", &memTable{cols: fruitCols, rows: fruitRows("apple", "NULL", "cherry")},
			[]streamtest.Elem[fruit]{{V: fruit{"apple", 1}},
				{Err: errors.New(`sql: Scan error on column index 0, name "name": converting NULL to string is unsupported`)},
				{V: fruit{"cherry", 3}}}},
		{"query error", &memTable{cols: fruitCols, queryErr: errQuery},
			[]streamtest.Elem[fruit]{{Err: errQuery}}},
		{"rows error", &memTable{cols: fruitCols, rows: fruitRows("apple", "banana", "cherry"), failAt: 2, nextErr: errRowsAt},
			[]streamtest.Elem[fruit]{{V: fruit{"apple", 1}}, {V: fruit{"banana", 2}}, {Err: errRowsAt}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := newMemTable("contract "+tt.name, tt.tab)
			s := seq.Rows(context.Background(), db, scanFruit, "contract "+tt.name)
			if n := tab.queries.Load(); n != 0 {
				t.Fatalf("Rows ran the query %d times before the range, want 0", n)
			}
			checkSource(t, func() iter.Seq2[fruit, error] { return s }, tt.want)
			checkClosed(t, tab)
			// checkSource ranges twice in full and once per break.
			if got, want := tab.queries.Load(), int64(2+len(tt.want)); got != want {
				t.Errorf("the query ran %d times, want %d (once per range)", got, want)
			}
		})
	}
}

func TestRowsBreakGivesTheConnectionBack(t *testing.T) {
	db := openMemDB(1) // one connection: a leaked one blocks the next query
	defer db.Close()
	tab := newMemTable("break", &memTable{cols: fruitCols, rows: fruitRows("a", "b", "c", "d")})
	for i := range 3 {
		for _, err := range seq.Rows(context.Background(), db, scanFruit, "break") {
			if err != nil {
				t.Fatal(err)
			}
			break
		}
		// Checked before the next query, which would wait for ever for a
		// connection that was not given back.
		if got := db.Stats().InUse; got != 0 {
			t.Fatalf("after breaking out of range %d, %d connections are in use, want 0", i+1, got)
		}
	}
	if err := db.QueryRowContext(context.Background(), "break").Scan(new(string), new(int64)); err != nil {
		t.Errorf("a query after three broken ranges: %v", err)
	}
	checkClosed(t, tab)
}

func TestRowsPanicClosesRows(t *testing.T) {
	db := openMemDB(0)
	defer db.Close()
	tab := newMemTable("panic", &memTable{cols: fruitCols, rows: fruitRows("a", "b", "c")})
	panicky := func(rows *sql.Rows) (fruit, error) { panic(errTrBoom) }
	tests := []struct {
		name string
		loop func()
	}{
		{"in scan", func() {
			for range seq.Rows(context.Background(), db, panicky, "panic") {
			}
		}},
		{"in the loop body", func() {
			for range seq.Rows(context.Background(), db, scanFruit, "panic") {
				panic(errTrBoom)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := trPanicValue(tt.loop); got != errTrBoom {
				t.Fatalf("panic %s: recovered %v, want %v", tt.name, got, errTrBoom)
			}
			checkClosed(t, tab)
			if got := db.Stats().InUse; got != 0 {
				t.Errorf("after the panic %d connections are in use, want 0", got)
			}
		})
	}
}

func TestRowsContext(t *testing.T) {
	db := openMemDB(0)
	defer db.Close()
	rows := fruitRows("a", "b", "c", "d")
	apple, banana := fruit{"a", 1}, fruit{"b", 2}
	tests := []struct {
		name        string
		tab         *memTable
		cancelAfter int // cancel in the loop body after this many elements; 0 in the query; -1 before the range
		want        []streamtest.Elem[fruit]
		wantQueries int64
	}{
		{"done before the range", &memTable{cols: fruitCols, rows: rows}, -1,
			[]streamtest.Elem[fruit]{{Err: errStop}}, 0},
		{"cancelled in the loop body", &memTable{cols: fruitCols, rows: rows}, 2,
			[]streamtest.Elem[fruit]{{V: apple}, {V: banana}, {Err: errStop}}, 1},
		// The driver sees the cancellation first and reports its own error;
		// the cause replaces it.
		{"driver reports Canceled from Next", &memTable{cols: fruitCols, rows: rows,
			nextCheck: func(ctx context.Context) error { return ctx.Err() }}, 1,
			[]streamtest.Elem[fruit]{{V: apple}, {Err: errStop}}, 1},
		{"driver reports Canceled from the query", &memTable{cols: fruitCols, rows: rows}, 0,
			[]streamtest.Elem[fruit]{{Err: errStop}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "context " + tt.name
			tab := newMemTable(name, tt.tab)
			ctx, cancel := context.WithCancelCause(context.Background())
			defer cancel(nil)
			if tt.cancelAfter == -1 {
				cancel(errStop)
			}
			if tt.cancelAfter == 0 {
				// Cancel while the query runs, and answer as a driver does.
				tab.onQuery = func(ctx context.Context) error {
					cancel(errStop)
					return ctx.Err()
				}
			}
			var got []streamtest.Elem[fruit]
			for v, err := range seq.Rows(ctx, db, scanFruit, name) {
				got = append(got, streamtest.Elem[fruit]{V: v, Err: err})
				if len(got) == tt.cancelAfter {
					cancel(errStop)
				}
				if len(got) > len(rows)+1 {
					t.Fatalf("Rows went on after the cancellation: %v", got)
				}
			}
			if diff := cmp.Diff(tt.want, got, sourceErrorsEqual); diff != "" {
				t.Errorf("Rows = %v, want %v (-want +got):\n%s", got, tt.want, diff)
			}
			if n := tab.queries.Load(); n != tt.wantQueries {
				t.Errorf("the query ran %d times, want %d", n, tt.wantQueries)
			}
			checkClosed(t, tab)
		})
	}
}

func TestRowsPassesArgs(t *testing.T) {
	var got []any
	q := queryerFunc(func(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
		got = append([]any{query}, args...)
		return nil, errQuery
	})
	for range seq.Rows(context.Background(), q, scanFruit, "SELECT ?, ?", 1, "x") {
	}
	if want := []any{"SELECT ?, ?", 1, "x"}; !cmp.Equal(want, got) {
		t.Errorf("Rows called QueryContext with %v, want %v", got, want)
	}
}

// queryerFunc makes a function a seq.Queryer.
type queryerFunc func(ctx context.Context, query string, args ...any) (*sql.Rows, error)

func (f queryerFunc) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return f(ctx, query, args...)
}

func TestRowsCallTimePanics(t *testing.T) {
	db := openMemDB(0)
	defer db.Close()
	var (
		nilCtx  context.Context
		nilDB   *sql.DB
		nilTx   *sql.Tx
		nilConn *sql.Conn
	)
	bg := context.Background()
	tests := []struct {
		name string
		call func()
		want string
	}{
		{"nil context", func() { seq.Rows(nilCtx, db, scanFruit, "q") }, "seq.Rows: nil context"},
		{"nil db", func() { seq.Rows(bg, nil, scanFruit, "q") }, "seq.Rows: nil db"},
		{"nil *sql.DB", func() { seq.Rows(bg, nilDB, scanFruit, "q") }, "seq.Rows: nil db"},
		{"nil *sql.Tx", func() { seq.Rows(bg, nilTx, scanFruit, "q") }, "seq.Rows: nil db"},
		{"nil *sql.Conn", func() { seq.Rows(bg, nilConn, scanFruit, "q") }, "seq.Rows: nil db"},
		{"nil scan", func() { seq.Rows[fruit](bg, db, nil, "q") }, "seq.Rows: nil function"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := trPanicValue(tt.call); got != tt.want {
				t.Errorf("Rows with a %s panicked with %v, want %q", tt.name, got, tt.want)
			}
		})
	}
}
