using System.Globalization;
using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Building;
using Streaming.NextTrack;
using Streaming.NextTrack.Training;
using Streaming.Ranking;

namespace Streaming.Catalog.Cli;

/// <summary>
/// Trains the next-track ranker for a snapshot and attaches it. The ranker's vector features must be honest: at
/// serving time a listener's next play is never in the data the vectors were trained on. So the ranker is trained
/// on a second, throw-away embedding of an earlier prefix of the listening (the same MPD playlists), with its targets
/// after that prefix:
/// <list type="bullet">
/// <item>replay form (per listener fractions): the listener's first <c>warm-up x (1 - ranker share)</c> plays train
/// the throw-away vectors; the rest of the warm-up part gives the targets; the scored part is never read;</item>
/// <item>stream form (<c>--train-until</c>): plays after the cut-off are never read; the last <c>--ranker-window-days</c>
/// before it give the targets, the plays before them train the throw-away vectors, and the last
/// <c>--validation-days</c> only choose how many trees to keep.</item>
/// </list>
/// </summary>
internal static class RankerBuild
{
    public const double DefaultRankerShare = 0.3;

    public static CatalogSnapshot Attach(
        CatalogSources sources, CatalogBuildOptions buildOptions, CatalogSnapshot snapshot, RankerWindow window, RankerTrainingOptions options, TextWriter output)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var plays = window.Plays(sources);
        var prefix = new CatalogSources(sources.Playlists, window.EmbeddingPrefix(sources, plays), sources.AudioFeatures)
        {
            Genres = sources.Genres,
            Description = sources.Description + " (ranker-training prefix)",
        };
        var training = CatalogBuilder.Build(prefix, buildOptions with
        {
            WarmupFraction = 1.0,
            Previous = null,
            ForceRebase = true,
            Version = "ranker-training",
            Progress = null,
        }).Snapshot;
        var catalog = RankingCatalog.Build(training, new Streaming.VectorIndex.VectorIndexOptions());
        output.WriteLine($"ranker: throw-away embedding of the prefix ({training.VectorCount:N0} vectors) in {clock.Elapsed.TotalSeconds:0.0} s");

        var simulated = Simulated(plays, training);
        // Plays are records: reference identity finds a play's role (equal plays of two listeners never share a role by accident).
        var roles = new Dictionary<SimulatedPlay, PlayRole>(simulated.Length, ReferenceEqualityComparer.Instance);
        foreach (var (play, role) in simulated)
        {
            roles[play] = role;
        }
        var result = RankerTrainer.Train(catalog, simulated.Select(s => s.Play), p => roles[p] != PlayRole.Context, options,
            window.HasValidationDays ? p => roles[p] == PlayRole.Validation : null);
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv,
            $"ranker: {result.Model.TreeCount} trees from {result.TrainingGroups:N0} training groups ({result.Targets:N0} targets, {result.InPool:N0} with the track in the candidate pool); " +
            $"validation on {result.ValidationGroups:N0} latest groups HR@10 {result.Validation?.HitRate ?? 0:0.0000} MRR@10 {result.Validation?.Mrr ?? 0:0.0000}; {clock.Elapsed.TotalSeconds:0.0} s"));

        var properties = new Dictionary<string, string>(snapshot.Properties, StringComparer.Ordinal)
        {
            ["ranker.model"] = result.Model.Version,
            ["ranker.trees"] = result.Model.TreeCount.ToString(inv),
            ["ranker.features"] = result.Model.FeatureCount.ToString(inv),
            ["ranker.training.groups"] = result.TrainingGroups.ToString(inv),
            ["ranker.training.window"] = window.Description,
            ["ranker.validation.hr10"] = (result.Validation?.HitRate ?? 0).ToString("0.0000", inv),
            ["ranker.validation.mrr10"] = (result.Validation?.Mrr ?? 0).ToString("0.0000", inv),
        };
        var attachments = new Dictionary<string, byte[]>(snapshot.Attachments, StringComparer.Ordinal)
        {
            [CatalogSnapshotAttachments.RankingModel] = TreeEnsembleSerializer.ToBytes(result.Model),
        };
        return new CatalogSnapshot(snapshot.Version, snapshot.SpaceId, snapshot.Dimensions, snapshot.CreatedAt, [.. snapshot.Tracks],
            snapshot.HasVectorFlags.ToArray(), snapshot.Vectors.ToArray(), [.. snapshot.Aliases], properties, attachments);
    }

    /// <summary>The plays as the simulation replays them (global order), track ids resolved against the throw-away catalog.</summary>
    private static (SimulatedPlay Play, PlayRole Role)[] Simulated(IReadOnlyList<WindowPlay> plays, CatalogSnapshot catalog) =>
        plays
            .OrderBy(p => p.Play.At)
            .ThenBy(p => p.Play.UserId, StringComparer.Ordinal)
            .ThenBy(p => p.Index)
            .Select(p => (Play: new SimulatedPlay(
                p.Play.UserId,
                p.Play.UserId + ":" + p.Index.ToString("D7", CultureInfo.InvariantCulture),
                TrackIdOf(p.Play, catalog),
                p.SessionId,
                p.Play.At,
                p.Play.MsPlayed,
                null,
                p.Play.Private,
                PlayPhase.Warmup,
                p.Position), p.Role))
            .ToArray();

    /// <summary>The catalog's id for a play: its Spotify id when the catalog knows it, else by names, else the name id.</summary>
    private static string TrackIdOf(ListeningPlay play, CatalogSnapshot catalog)
    {
        if (play.TrackId is { } id && catalog.IndexOf(id) is var byId and >= 0)
        {
            return catalog.Tracks[byId].Id;
        }
        var row = catalog.IndexOfName(play.Artist, play.Title);
        return row >= 0 ? catalog.Tracks[row].Id : TrackIdentity.FromNames(play.Artist, play.Title);
    }
}
