#!/usr/bin/env bash
# compare.sh runs itergen's side-by-side benchmarks and prints one markdown
# table: for each workload, each contender's time and its ratio to the best
# peer (the fastest contender that is not itergen, hand-written included).
#
# Environment:
#   BENCHCOUNT  runs of each benchmark (default 6; benchstat wants >= 6)
#   BENCHTIME   -benchtime of each run (default 1.5s: about 5 minutes in all)
#   BENCHSTAT   benchstat binary (default: go run of the pinned version)
#   RESULTS     raw results file (default results.txt, gitignored)
#
# `make bench-compare` at the repository root sets BENCHSTAT and BENCHCOUNT.
set -euo pipefail
cd "$(dirname "$0")"

count=${BENCHCOUNT:-6}
benchtime=${BENCHTIME:-1.5s}
results=${RESULTS:-results.txt}
if [ -n "${BENCHSTAT:-}" ]; then
	benchstat=("$BENCHSTAT")
else
	benchstat=(go run golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da)
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Build once, then run the whole suite count times rather than each
# benchmark count times in a row: a burst of load on the machine then
# spreads over every contender instead of landing on one of them.
go test -c -o "$tmp/benchcmp.test" .
: >"$results"
for ((i = 1; i <= count; i++)); do
	echo "== run $i of $count" >&2
	"$tmp/benchcmp.test" -test.run '^$' -test.bench . -test.benchmem \
		-test.count 1 -test.benchtime "$benchtime" | tee -a "$results"
done

if ! "${benchstat[@]}" -format csv -row .name -col /impl "$results" >"$tmp/results.csv" 2>"$tmp/benchstat.err"; then
	cat "$tmp/benchstat.err" >&2
	exit 1
fi
go build -o "$tmp/ratios" ./cmd/ratios

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo
echo "$(go version | sed 's/^go version //'), ${cpu:-unknown CPU}, $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') CPUs;" \
	"medians of $count runs of $benchtime, ± the 95% confidence interval."
echo
"$tmp/ratios" <"$tmp/results.csv"
