using Streaming.Catalog.Core;
using Streaming.Replay.Sources;

namespace Streaming.Replay.Cli;

/// <summary>Which listening data to replay, shared by the <c>live</c> and <c>offline</c> verbs.</summary>
public sealed record SourceOptions(
    string Source,
    string? DataPath,
    int? Users,
    int Seed,
    string? CatalogPath)
{
    public static SourceOptions Parse(ArgumentList args)
    {
        var history = args.String("history");
        var source = args.String("source", history is not null ? "history" : "synthetic")!;
        if (source is not ("synthetic" or "history" or "mpd"))
        {
            throw new UsageException($"--source must be synthetic, history or mpd, got '{source}'.");
        }
        var data = args.String("data", history);
        if (source is "history" or "mpd" && data is null)
        {
            throw new UsageException($"--source {source} needs --data PATH (e.g. ../shared/data/{(source == "history" ? "streaming-history" : "mpd")}).");
        }
        return new SourceOptions(
            source,
            data,
            args.Int("users", min: 1),
            args.Int("seed", 42)!.Value,
            args.String("catalog"));
    }

    public ReplayDataset Load(ITrackIds trackIds) => Source switch
    {
        "history" => StreamingHistorySource.Load(DataPath!, trackIds, Users),
        "mpd" => MpdSource.Load(DataPath!, trackIds, Users),
        _ => SyntheticSource.Generate(Seed, Users ?? SyntheticSource.WorldUsers, trackIds),
    };

    /// <summary>The snapshot named by --catalog (a file, or a folder whose newest <c>catalog-*.snap</c> is taken), or null.</summary>
    public CatalogSnapshot? LoadCatalog() => CatalogPath is null ? null : CatalogSnapshotLocator.Load(CatalogPath);
}
