namespace Streaming.Catalog.Additions;

/// <summary>One track of the request (by <paramref name="Index"/>): its <see cref="TrackAdditionStatus"/> and the catalog row's id it resolves to.</summary>
public sealed record TrackAdditionResult(int Index, string Id, string Status, string CanonicalId);
