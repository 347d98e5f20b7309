using Streaming.Catalog.Core;

namespace Streaming.Replay.Evaluation;

/// <summary>
/// Whether the system could recommend a target at all: only tracks in its catalog can be answered, and
/// only those with a vector can be found by similarity. An upper bound the baselines do not have (they
/// learn every track online).
/// </summary>
public static class TargetCoverage
{
    public const string WithVector = "in catalog, with vector";
    public const string WithoutVector = "in catalog, no vector";
    public const string NotInCatalog = "not in catalog";

    public static string? Of(CatalogSnapshot? snapshot, string trackId)
    {
        if (snapshot is null)
        {
            return null;
        }
        var row = snapshot.IndexOf(trackId);
        return row < 0 ? NotInCatalog : snapshot.HasVector(row) ? WithVector : WithoutVector;
    }
}
