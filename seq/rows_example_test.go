package seq_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"iter"

	"github.com/itergen/itergen/collect"
	"github.com/itergen/itergen/seq"
)

const fruitQuery = "SELECT name, price FROM fruits ORDER BY price"

// exampleDB opens a database that answers fruitQuery; any database/sql
// driver works the same way.
func exampleDB() *sql.DB {
	newMemTable(fruitQuery, &memTable{cols: fruitCols, rows: [][]driver.Value{
		{"apple", int64(120)}, {nil, int64(150)}, {"cherry", int64(900)},
	}})
	return openMemDB(1)
}

func ExampleRows() {
	db := exampleDB()
	defer db.Close()

	type Fruit struct {
		Name  string
		Price int
	}
	scan := func(rows *sql.Rows) (Fruit, error) {
		var f Fruit
		err := rows.Scan(&f.Name, &f.Price)
		return f, err
	}
	// The query runs when the loop starts, and the rows are closed when
	// it ends, breaks or panics.
	for f, err := range seq.Rows(context.Background(), db, scan, fruitQuery) {
		if err != nil {
			// A row that does not scan is an error in its place.
			fmt.Println("error:", err)
			continue
		}
		fmt.Printf("%s costs %d\n", f.Name, f.Price)
	}
	// Output:
	// apple costs 120
	// error: sql: Scan error on column index 0, name "name": converting NULL to string is unsupported
	// cherry costs 900
}

// names is written once against seq.Queryer and runs on a *sql.DB, a
// *sql.Tx or a *sql.Conn alike.
func names(ctx context.Context, q seq.Queryer) iter.Seq2[string, error] {
	scan := func(rows *sql.Rows) (string, error) {
		var name sql.NullString
		err := rows.Scan(&name, new(int))
		return name.String, err
	}
	return seq.Rows(ctx, q, scan, fruitQuery)
}

func ExampleQueryer() {
	db := exampleDB()
	defer db.Close()
	ctx := context.Background()

	n, err := collect.Count(names(ctx, db))
	fmt.Println("names on the *sql.DB:", n, err)

	conn, err := db.Conn(ctx) // one connection of the pool, held until Close
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	defer conn.Close()
	for name, err := range names(ctx, conn) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Printf("on the *sql.Conn: %q\n", name)
	}
	// Output:
	// names on the *sql.DB: 3 <nil>
	// on the *sql.Conn: "apple"
	// on the *sql.Conn: ""
	// on the *sql.Conn: "cherry"
}
