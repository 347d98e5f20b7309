namespace Streaming.TasteWorker;

/// <summary>Headers the worker adds to a dead-lettered record (docs/conventions.md); a redrive strips every <c>dlq-</c> header.</summary>
public static class DeadLetterHeaders
{
    public const string Prefix = "dlq-";
    public const string Reason = "dlq-reason";
    public const string SourceTopic = "dlq-source-topic";
    public const string SourcePartition = "dlq-source-partition";
    public const string SourceOffset = "dlq-source-offset";
    public const string FailedAt = "dlq-failed-at";
}
