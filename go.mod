module github.com/itergen/itergen

go 1.23.0

require (
	github.com/google/go-cmp v0.7.0
	go.uber.org/goleak v1.3.0
	golang.org/x/exp v0.0.0-20250811191247-51f88131bc50
	golang.org/x/time v0.12.0
)
