// Package benchcmp holds benchmarks that run itergen side by side with
// hand-written Go and with other libraries on the same workloads.
//
// It is a nested module so that users of itergen never download the
// libraries it is compared with. Run it from the repository root with
// `make bench-compare`, which calls compare.sh here.
//
// Every benchmark is named Benchmark<Workload>/impl=<contender>, so that
// benchstat can put workloads in rows and contenders in columns. A contender
// whose name starts with "itergen" is itergen; every other contender,
// hand-written code included, is a peer. Each iteration of a benchmark does
// the same fixed amount of work for every contender of its workload, and
// each benchmark reports the cost per element as ns/elem.
package benchcmp
