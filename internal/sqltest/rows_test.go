package sqltest

import (
	"context"
	"database/sql"
	"errors"
	"iter"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	_ "modernc.org/sqlite"

	"github.com/itergen/itergen/seq"
	"github.com/itergen/itergen/seq/seqtest"
)

const (
	numItems = 100_000
	// Every nullEvery-th item has a NULL price.
	nullEvery = 25_000
)

type item struct {
	ID    int64
	Name  string
	Price int64
}

func scanItem(rows *sql.Rows) (item, error) {
	var it item
	err := rows.Scan(&it.ID, &it.Name, &it.Price)
	return it, err
}

// dbPath is a SQLite database with a table of numItems items, made once
// by TestMain; the tests only read it.
var dbPath string

func createItems(path string) error {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(`
		CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price INTEGER);
		WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ?)
		INSERT INTO items SELECT x, 'item ' || x, CASE WHEN x % ? = 0 THEN NULL ELSE x * 10 END FROM n;
		CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
		INSERT INTO notes VALUES (1, 'one'), (2, 'two'), (3, 'three');`,
		numItems, nullEvery)
	return err
}

// openDB opens the database with a pool of one connection: a connection
// that is not given back blocks the next query.
func openDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	db.SetMaxOpenConns(1)
	return db
}

// checkIdle fails the test at once when a connection is still in use, so
// that a leak fails rather than blocks the next query.
func checkIdle(t *testing.T, db *sql.DB, when string) {
	t.Helper()
	if n := db.Stats().InUse; n != 0 {
		t.Fatalf("%s: %d connections in use, want 0", when, n)
	}
}

const allItems = "SELECT id, name, price FROM items ORDER BY id"

func TestRowsAllItems(t *testing.T) {
	db := openDB(t)
	values, nulls, i := 0, 0, 0
	for it, err := range seq.Rows(context.Background(), db, scanItem, allItems) {
		i++
		if err != nil {
			// A NULL price does not fit an int64: an error for that row,
			// and the rows go on.
			if i%nullEvery != 0 || !strings.Contains(err.Error(), "NULL") {
				t.Fatalf("row %d: unexpected error %v", i, err)
			}
			if it != (item{}) {
				t.Errorf("row %d: error element carries %+v, want the zero item", i, it)
			}
			nulls++
			continue
		}
		want := item{ID: int64(i), Name: "item " + strconv.Itoa(i), Price: int64(i) * 10}
		if it != want {
			t.Fatalf("row %d = %+v, want %+v", i, it, want)
		}
		values++
	}
	if values != numItems-numItems/nullEvery || nulls != numItems/nullEvery {
		t.Errorf("%d items and %d NULL errors, want %d and %d",
			values, nulls, numItems-numItems/nullEvery, numItems/nullEvery)
	}
	checkIdle(t, db, "after a full range")
}

func TestRowsBreakGivesTheConnectionBack(t *testing.T) {
	db := openDB(t)
	s := seq.Rows(context.Background(), db, scanItem, allItems)
	for round := 1; round <= 3; round++ {
		var got []int64
		for it, err := range s {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, it.ID)
			if len(got) == 10 {
				break
			}
		}
		if want := []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}; !cmp.Equal(want, got) {
			t.Errorf("round %d: ids before the break = %v, want %v", round, got, want)
		}
		checkIdle(t, db, "after a break")
		// The pool has one connection: this query runs only if the break
		// gave it back.
		var n int
		if err := db.QueryRow("SELECT count(*) FROM items").Scan(&n); err != nil || n != numItems {
			t.Fatalf("round %d: a query after the break = %d, %v; want %d, nil", round, n, err, numItems)
		}
	}
}

func TestRowsPanicGivesTheConnectionBack(t *testing.T) {
	db := openDB(t)
	boom := errors.New("boom")
	func() {
		defer func() {
			if r := recover(); r != boom {
				t.Fatalf("recovered %v, want %v", r, boom)
			}
		}()
		for range seq.Rows(context.Background(), db, scanItem, allItems) {
			panic(boom)
		}
	}()
	checkIdle(t, db, "after a panic")
}

func TestRowsCancelInTheLoop(t *testing.T) {
	db := openDB(t)
	errEnough := errors.New("enough rows")
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	values := 0
	var errs []error
	for _, err := range seq.Rows(ctx, db, scanItem, "SELECT id, name, coalesce(price, 0) FROM items") {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		values++
		if values == 1000 {
			cancel(errEnough)
		}
	}
	if values != 1000 || len(errs) != 1 || errs[0] != errEnough {
		t.Errorf("Rows cancelled after 1000 rows gave %d rows and errors %v, want 1000 and [%v]", values, errs, errEnough)
	}
	checkIdle(t, db, "after the cancellation")
}

func TestRowsCancelDuringTheQuery(t *testing.T) {
	db := openDB(t)
	errTimeUp := errors.New("time is up")
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	// The query counts for ever; only the cancellation, which the driver
	// turns into an interrupt of SQLite, ends it. The timer starts when the
	// query does, so the cancellation comes while SQLite is running it.
	var timer *time.Timer
	startsTimer := queryerFunc(func(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
		timer = time.AfterFunc(20*time.Millisecond, func() { cancel(errTimeUp) })
		return db.QueryContext(ctx, query, args...)
	})
	const forever = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"
	var got []error
	for _, err := range seq.Rows(ctx, startsTimer, func(rows *sql.Rows) (n int64, err error) {
		err = rows.Scan(&n)
		return n, err
	}, forever) {
		got = append(got, err)
	}
	if timer == nil {
		t.Fatal("the query never ran")
	}
	timer.Stop()
	if len(got) != 1 || got[0] != errTimeUp {
		t.Errorf("Rows of an endless query cancelled with a cause = %v, want [%v]", got, errTimeUp)
	}
	checkIdle(t, db, "after the cancellation")
}

// queryerFunc makes a function a seq.Queryer.
type queryerFunc func(ctx context.Context, query string, args ...any) (*sql.Rows, error)

func (f queryerFunc) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return f(ctx, query, args...)
}

func TestRowsNullIntoNonNullField(t *testing.T) {
	db := openDB(t)
	q := "SELECT id, name, price FROM items WHERE id BETWEEN ? AND ? ORDER BY id"
	var got []string
	for it, err := range seq.Rows(context.Background(), db, scanItem, q, nullEvery-1, nullEvery+1) {
		if err != nil {
			got = append(got, "error: "+err.Error())
			continue
		}
		got = append(got, it.Name)
	}
	want := []string{
		"item 24999",
		`error: sql: Scan error on column index 2, name "price": converting NULL to int64 is unsupported`,
		"item 25001",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Rows over a NULL price (-want +got):\n%s", diff)
	}
}

func TestRowsSeesALiveDatabase(t *testing.T) {
	db := openDB(t)
	tx, err := db.Begin() // the other tests never see the new note
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	s := seq.Rows(context.Background(), tx, scanNote, "SELECT id, text FROM notes ORDER BY id")
	count := func() int {
		n := 0
		for _, err := range s {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		return n
	}
	if n := count(); n != 3 {
		t.Fatalf("first range: %d rows, want 3", n)
	}
	if _, err := tx.Exec("INSERT INTO notes VALUES (4, 'four')"); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 4 {
		t.Errorf("second range after an insert: %d rows, want 4", n)
	}
}

type note struct {
	ID   int64
	Text string
}

func scanNote(rows *sql.Rows) (note, error) {
	var n note
	err := rows.Scan(&n.ID, &n.Text)
	return n, err
}

func TestRowsQueryError(t *testing.T) {
	db := openDB(t)
	var got []error
	for _, err := range seq.Rows(context.Background(), db, scanItem, "SELECT id FROM no_such_table") {
		got = append(got, err)
	}
	if len(got) != 1 || got[0] == nil || !strings.Contains(got[0].Error(), "no such table") {
		t.Errorf("Rows of a bad query = %v, want one error about the missing table", got)
	}
	checkIdle(t, db, "after a query error")
}

func TestRowsInATransaction(t *testing.T) {
	db := openDB(t)
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec("DELETE FROM notes WHERE id = 2"); err != nil {
		t.Fatal(err)
	}
	got, err := collectNotes(seq.Rows(context.Background(), tx, scanNote, "SELECT id, text FROM notes ORDER BY id"))
	if want := []note{{1, "one"}, {3, "three"}}; err != nil || !cmp.Equal(want, got) {
		t.Errorf("Rows on a *sql.Tx = %v, %v; want %v, nil", got, err, want)
	}
}

func TestRowsOnAConn(t *testing.T) {
	db := openDB(t)
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	got, err := collectNotes(seq.Rows(context.Background(), conn, scanNote, "SELECT id, text FROM notes WHERE id > ? ORDER BY id", 1))
	if want := []note{{2, "two"}, {3, "three"}}; err != nil || !cmp.Equal(want, got) {
		t.Errorf("Rows on a *sql.Conn = %v, %v; want %v, nil", got, err, want)
	}
}

func collectNotes(s iter.Seq2[note, error]) ([]note, error) {
	var out []note
	for n, err := range s {
		if err != nil {
			return out, err
		}
		out = append(out, n)
	}
	return out, nil
}

// TestRowsKeepsTheContract runs seq.Rows over the real database through
// seqtest.TestStream: a break at every row, panics of the loop body, two
// ranges of one stream and cancellations, on a pool of one connection, so
// a range that kept its connection would leave the next one stuck.
func TestRowsKeepsTheContract(t *testing.T) {
	db := openDB(t)
	const first200 = "SELECT id, name, price FROM items WHERE id <= 200 ORDER BY id"
	err := seqtest.TestStream(func(ctx context.Context) iter.Seq2[item, error] {
		return seq.Rows(ctx, db, scanItem, first200)
	}, seqtest.Reiterable(), seqtest.Cancellable())
	if err != nil {
		t.Fatalf("seqtest.TestStream(seq.Rows):\n%v", err)
	}
	checkIdle(t, db, "after TestStream")
}
