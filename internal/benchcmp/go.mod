module github.com/itergen/itergen/internal/benchcmp

go 1.26.0

require (
	github.com/BooleanCat/go-functional/v2 v2.5.1
	github.com/destel/rill v0.8.1
	github.com/itergen/itergen v0.0.0
	github.com/samber/lo v1.53.0
	github.com/sourcegraph/conc v0.3.0
	golang.org/x/sync v0.25.0
)

require (
	go.uber.org/atomic v1.7.0 // indirect
	go.uber.org/multierr v1.9.0 // indirect
	golang.org/x/exp v0.0.0-20250811191247-51f88131bc50 // indirect
	golang.org/x/text v0.22.0 // indirect
)

replace github.com/itergen/itergen => ../..
