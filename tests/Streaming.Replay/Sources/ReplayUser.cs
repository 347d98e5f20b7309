namespace Streaming.Replay.Sources;

/// <summary>A listener and all of their plays in event-time order (ties keep the source's order).</summary>
public sealed record ReplayUser(string UserId, IReadOnlyList<ReplayPlay> Plays);
