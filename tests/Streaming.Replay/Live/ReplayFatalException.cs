namespace Streaming.Replay.Live;

/// <summary>The replay cannot go on (bad token, services gone, system not applying events): the message says why.</summary>
public sealed class ReplayFatalException(string message, Exception? inner = null) : Exception(message, inner);
