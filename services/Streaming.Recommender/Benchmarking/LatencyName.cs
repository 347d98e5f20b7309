namespace Streaming.Recommender.Benchmarking;

/// <summary>Endpoint metadata: record this endpoint's server-side durations under <see cref="Name"/>.</summary>
public sealed record LatencyName(string Name);
