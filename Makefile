# itergen — developer commands. `make help` lists them.

GO            ?= go
MIN_GO        := go1.23.12
STATICCHECK   := honnef.co/go/tools/cmd/staticcheck@v0.8.2
BENCHSTAT     := golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
BIN           := $(CURDIR)/.bin
FUZZTIME      ?= 10s
BENCHCOUNT    ?= 6

.DEFAULT_GOAL := help

.PHONY: help test test-min check cover fuzz bench bench-compare demo tools

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

test: ## run every test under the race detector, in shuffled order, with seq.Rows on SQLite
	$(GO) test -race -shuffle=on ./...
	cd internal/sqltest && $(GO) test -race -shuffle=on ./...

test-min: ## run the tests under the minimum Go version (downloads it through the module proxy)
	GOTOOLCHAIN=$(MIN_GO) $(GO) test -race -shuffle=on ./...
	cd internal/sqltest && GOTOOLCHAIN=$(MIN_GO) $(GO) test -race -shuffle=on ./...

check: $(BIN)/staticcheck ## gofmt, go vet and staticcheck (the SQLite test module too)
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(BIN)/staticcheck ./...
	cd internal/sqltest && $(GO) vet ./... && $(BIN)/staticcheck ./...

cover: ## test coverage per function, and coverage.html
	$(GO) test -coverprofile=coverage.out ./...
	$(GO) tool cover -func=coverage.out | tail -n 1
	$(GO) tool cover -html=coverage.out -o coverage.html

fuzz: ## run each fuzz target for FUZZTIME (default 10s)
	@set -e; for pkg in $$($(GO) list ./...); do \
		for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
			echo "== $$pkg $$target"; \
			$(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$pkg; \
		done; \
	done

bench: ## run the benchmarks of the library packages
	$(GO) test -run '^$$' -bench . -benchmem -count $(BENCHCOUNT) ./... | tee bench.txt

bench-compare: $(BIN)/benchstat ## itergen against hand-written code and other libraries, as a benchstat table
	cd internal/benchcmp && BENCHSTAT=$(BIN)/benchstat BENCHCOUNT=$(BENCHCOUNT) ./compare.sh

demo: ## run the demo: pagination, concurrency and a generator on an in-process server
	$(GO) run ./internal/demo

tools: $(BIN)/staticcheck $(BIN)/benchstat ## install the pinned tools into .bin

$(BIN)/staticcheck:
	GOBIN=$(BIN) $(GO) install $(STATICCHECK)

$(BIN)/benchstat:
	GOBIN=$(BIN) $(GO) install $(BENCHSTAT)
