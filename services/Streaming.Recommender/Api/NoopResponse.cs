namespace Streaming.Recommender.Api;

/// <summary>Answer of the benchmark baseline <c>GET /v1/noop</c>.</summary>
public sealed record NoopResponse(string UserId, bool Ok);
