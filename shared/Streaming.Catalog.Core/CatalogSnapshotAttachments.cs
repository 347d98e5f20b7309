namespace Streaming.Catalog.Core;

/// <summary>Names of the snapshot attachments this system writes.</summary>
public static class CatalogSnapshotAttachments
{
    /// <summary>The learned next-track ranker (Streaming.Ranking's tree-ensemble format) trained with this version's vectors.</summary>
    public const string RankingModel = "ranking-model";
}
