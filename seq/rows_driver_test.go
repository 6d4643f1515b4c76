package seq_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"sync"
	"sync/atomic"
)

// memdb is a small database/sql driver for the tests and Examples of Rows
// in this package, which cannot import a real database. A query is the
// name of a table registered with memTables; it counts the queries run and
// the rows opened and closed, and can fail where a test asks it to.
// internal/sqltest runs Rows against real SQLite.
const memDriver = "seq-memdb"

func init() { sql.Register(memDriver, memDB{}) }

type memTable struct {
	cols []string
	rows [][]driver.Value

	queryErr  error                           // returned by the query
	failAt    int                             // with nextErr: Next fails before row failAt (0-based)
	nextErr   error                           // what Next returns at failAt
	onQuery   func(ctx context.Context) error // called by the query; its error is the query's
	nextCheck func(ctx context.Context) error // called by Next; a non-nil error ends the rows

	queries, opened, closed atomic.Int64
}

var memTables sync.Map // name → *memTable

// newMemTable registers t under name and returns it.
func newMemTable(name string, t *memTable) *memTable {
	memTables.Store(name, t)
	return t
}

// openMemDB opens a database with a pool of at most maxConns connections
// (0: no limit).
func openMemDB(maxConns int) *sql.DB {
	db, err := sql.Open(memDriver, "")
	if err != nil {
		panic(err)
	}
	db.SetMaxOpenConns(maxConns)
	return db
}

type memDB struct{}

func (memDB) Open(string) (driver.Conn, error) { return memConn{}, nil }

type memConn struct{}

func (memConn) Prepare(string) (driver.Stmt, error) {
	return nil, errors.New("memdb: no prepared statements")
}
func (memConn) Close() error              { return nil }
func (memConn) Begin() (driver.Tx, error) { return nil, errors.New("memdb: no transactions") }

func (memConn) QueryContext(ctx context.Context, query string, _ []driver.NamedValue) (driver.Rows, error) {
	v, ok := memTables.Load(query)
	if !ok {
		return nil, errors.New("memdb: no table " + query)
	}
	t := v.(*memTable)
	t.queries.Add(1)
	if t.onQuery != nil {
		if err := t.onQuery(ctx); err != nil {
			return nil, err
		}
	}
	if t.queryErr != nil {
		return nil, t.queryErr
	}
	t.opened.Add(1)
	return &memRows{ctx: ctx, t: t}, nil
}

type memRows struct {
	ctx    context.Context
	t      *memTable
	i      int
	closed bool
}

func (r *memRows) Columns() []string { return r.t.cols }

func (r *memRows) Close() error {
	if !r.closed {
		r.closed = true
		r.t.closed.Add(1)
	}
	return nil
}

func (r *memRows) Next(dest []driver.Value) error {
	if r.t.nextCheck != nil {
		if err := r.t.nextCheck(r.ctx); err != nil {
			return err
		}
	}
	if r.t.nextErr != nil && r.i == r.t.failAt {
		return r.t.nextErr
	}
	if r.i == len(r.t.rows) {
		return io.EOF
	}
	copy(dest, r.t.rows[r.i])
	r.i++
	return nil
}
