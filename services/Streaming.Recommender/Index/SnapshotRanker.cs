using Streaming.Catalog.Core;
using Streaming.NextTrack.Rankers;
using Streaming.Ranking;

namespace Streaming.Recommender.Index;

/// <summary>The ranker a snapshot brings: its attached model when this build computes the model's features, else the blend.</summary>
public static class SnapshotRanker
{
    /// <returns>The ranker, and why the blend serves although a model is attached (null otherwise).</returns>
    public static (INextTrackRanker Ranker, string? Problem) Of(CatalogSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!snapshot.Attachments.TryGetValue(CatalogSnapshotAttachments.RankingModel, out var bytes))
        {
            return (BlendRanker.Instance, null);
        }
        try
        {
            var model = TreeEnsembleSerializer.FromBytes(bytes);
            return TreeRanker.TryCreate(model, out var reason) is { } ranker ? (ranker, null) : (BlendRanker.Instance, reason);
        }
        catch (FormatException e)
        {
            return (BlendRanker.Instance, "the attached model cannot be read: " + e.Message);
        }
    }
}
