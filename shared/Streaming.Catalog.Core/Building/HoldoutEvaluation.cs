namespace Streaming.Catalog.Core.Building;

/// <summary>
/// Held-out playlist check: the first half of each held-out playlist is visible, the rest hidden;
/// HitRate@10 = share of playlists with at least one hidden track in the top 10 (visible tracks
/// excluded); Recall@10 = mean share of min(10, hidden) hidden tracks found.
/// </summary>
public sealed record HoldoutEvaluation(
    int Playlists,
    double NeighbourHitRateAt10,
    double PopularityHitRateAt10,
    double NeighbourRecallAt10,
    double PopularityRecallAt10,
    int PlaylistsWithoutQueryVector);
