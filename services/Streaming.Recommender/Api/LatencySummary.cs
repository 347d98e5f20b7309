namespace Streaming.Recommender.Api;

/// <summary>Server-side request durations of one endpoint since the last reset (benchmarks only).</summary>
public sealed record LatencySummary(string Endpoint, long Count, double MeanMs, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs);
