// Factories in one process share the OpenTelemetry meter names and the two CPU cores: running the
// collections one after another keeps metric deltas exact and the gated tests deterministic.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
