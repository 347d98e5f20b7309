namespace Streaming.Catalog.Core.Ingestion;

/// <summary>A playlist of the Million Playlist Dataset, tracks in playlist order.</summary>
public sealed record MpdPlaylist(int Pid, string Name, int NumFollowers, IReadOnlyList<MpdTrack> Tracks);
