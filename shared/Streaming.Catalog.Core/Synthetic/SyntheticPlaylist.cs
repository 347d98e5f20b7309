namespace Streaming.Catalog.Core.Synthetic;

/// <summary>A generated MPD-like playlist (ordered, distinct track ids).</summary>
public sealed record SyntheticPlaylist(int Pid, string Name, string[] TrackIds);
