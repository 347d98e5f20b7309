namespace Streaming.FaultHarness;

/// <summary>Where a worker process reads from and writes to.</summary>
public sealed record WorkerSettings(
    string Bootstrap, string Redis, string CatalogDirectory, string KeyPrefix, string Topic, string DeadLetterTopic, string GroupId);
