namespace Streaming.TasteStore;

/// <summary>Read the state of a user for an update, and which of these event ids it already applied.</summary>
public sealed record UserStateRequest(string UserId, IReadOnlyList<string> EventIds);
