namespace Streaming.Catalog.Core.Ingestion;

/// <summary>One playlist entry of the Million Playlist Dataset (track id parsed from the uri).</summary>
public sealed record MpdTrack(string TrackId, string ArtistName, string TrackName, string? AlbumName);
