namespace Streaming.Catalog.Core;

/// <summary>A non-canonical id (one name, several ids) that resolves to a catalog row.</summary>
public readonly record struct TrackAlias(string AliasId, int Row);
