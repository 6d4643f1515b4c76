package seq

import (
	"context"
	"database/sql"
	"iter"
)

// Queryer runs a query and returns its rows: the one method of
// [*sql.DB], [*sql.Tx] and [*sql.Conn] that [Rows] needs.
type Queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Rows returns a stream of the rows of a query, one element per row, made
// by scan. Each range runs db.QueryContext(ctx, query, args...) afresh,
// never before, so the stream can be ranged again against a live database.
// A query that returns no rows gives the empty stream.
//
// scan is called once per row, on the consumer's goroutine, and should call
// rows.Scan; an error it returns is an error element in that row's place,
// and the rows go on. A query error, or the error rows.Err reports at the
// end, is the last element. Rows closes the rows when the stream ends, when
// the consumer breaks out of the loop and when the loop body or scan
// panics, so the connection goes back to the pool at once.
//
// Rows checks ctx before the query and before handing over each row. Once
// ctx is done it yields [context.Cause](ctx) and ends, also where the
// driver reported only [context.Canceled].
//
// Rows panics if ctx, db or scan is nil.
func Rows[T any](ctx context.Context, db Queryer, scan func(*sql.Rows) (T, error),
	query string, args ...any) iter.Seq2[T, error] {
	checkCtx("seq.Rows", ctx)
	if isNilQueryer(db) {
		panic("seq.Rows: nil db")
	}
	checkFunc("seq.Rows", scan == nil)
	return func(yield func(T, error) bool) {
		var zero T
		if ctx.Err() != nil {
			yield(zero, context.Cause(ctx))
			return
		}
		rows, err := db.QueryContext(ctx, query, args...)
		if err != nil {
			if ctx.Err() != nil {
				err = context.Cause(ctx)
			}
			yield(zero, err)
			return
		}
		defer rows.Close()
		for rows.Next() {
			v, err := scan(rows)
			if ctx.Err() != nil {
				yield(zero, context.Cause(ctx))
				return
			}
			if err != nil {
				v = zero
			}
			if !yield(v, err) {
				return
			}
		}
		if ctx.Err() != nil {
			yield(zero, context.Cause(ctx))
			return
		}
		if err := rows.Err(); err != nil {
			yield(zero, err)
		}
	}
}

// isNilQueryer reports a nil interface and the nil pointers of the
// database/sql types, which would otherwise fail only when ranged.
func isNilQueryer(db Queryer) bool {
	switch db := db.(type) {
	case nil:
		return true
	case *sql.DB:
		return db == nil
	case *sql.Tx:
		return db == nil
	case *sql.Conn:
		return db == nil
	}
	return false
}
