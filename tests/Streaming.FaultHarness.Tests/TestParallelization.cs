// Every test here starts real processes (a pipeline, a cluster) on a 2-core machine: one test's timings would be
// another's load, so they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
