namespace Streaming.Catalog.Core.Building;

public sealed record CatalogBuildReport(
    int Tracks,
    int Aliases,
    int TrainingPlaylists,
    int TrainingSessions,
    int WarmupPlays,
    int ScoredPlaysExcluded,
    int HistoryPlaysMatchedToCatalog,
    int HistoryPlaysTotal,
    int TrainedVectors,
    int ArtistFallbackVectors,
    int ContentFallbackVectors,
    int WithoutVector,
    string SpaceId,
    string? AlignedTo,
    double? AlignmentMeanCosine,
    HoldoutEvaluation? Holdout,
    TimeSpan Elapsed);
