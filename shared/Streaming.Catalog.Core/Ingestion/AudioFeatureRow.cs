namespace Streaming.Catalog.Core.Ingestion;

/// <summary>Audio features of one track, in <see cref="AudioFeatureCsvReader.FeatureNames"/> order, scaled to about [0, 1].</summary>
public sealed record AudioFeatureRow(string TrackId, string? ArtistName, string? TrackName, string? AlbumName, float[] Features);
