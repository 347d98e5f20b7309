namespace Streaming.Replay.Cli;

/// <summary>A command line the replay cannot run: the message says what to change.</summary>
public sealed class UsageException(string message) : Exception(message);
