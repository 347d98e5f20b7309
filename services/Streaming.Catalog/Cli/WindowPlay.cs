using Streaming.Catalog.Core.Building;

namespace Streaming.Catalog.Cli;

/// <summary>A play the ranker's training may read: its listener's play index and position, session, and role.</summary>
internal sealed record WindowPlay(ListeningPlay Play, int Index, double Position, string SessionId, PlayRole Role);
