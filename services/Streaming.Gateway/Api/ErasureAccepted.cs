namespace Streaming.Gateway.Api;

/// <summary>The 202 body of <c>DELETE /v1/users/{userId}</c>: the erasure record is durable in Kafka.</summary>
public sealed record ErasureAccepted(string ErasureId, string UserId, DateTimeOffset RequestedAt);
