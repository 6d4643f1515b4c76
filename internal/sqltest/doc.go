// Package sqltest runs seq.Rows against a real database: SQLite, through
// the pure-Go driver modernc.org/sqlite. It is a module of its own so that
// users of itergen never download the driver; `make test` runs it.
package sqltest
