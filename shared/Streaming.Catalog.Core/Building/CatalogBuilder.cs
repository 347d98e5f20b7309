using System.Diagnostics;
using System.Globalization;
using Streaming.Catalog.Core.Embeddings;

namespace Streaming.Catalog.Core.Building;

/// <summary>
/// Builds a catalog snapshot: identity resolution over every source, training data without
/// leakage (MPD playlists minus the held-out ones, and per user only the warm-up plays), the
/// co-listening embedding, artist/content fallbacks, Procrustes alignment to the previous version,
/// and the held-out playlist check (neighbours vs popularity).
/// </summary>
public static class CatalogBuilder
{
    public static CatalogBuildResult Build(CatalogSources sources, CatalogBuildOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
        var stopwatch = Stopwatch.StartNew();
        var dims = options.Embedding.Dimensions;
        void Step(string what) => options.Progress?.Invoke($"  [{stopwatch.Elapsed.TotalSeconds,6:0.0} s] {what}");

        // 1. Identity: every track that appears anywhere is listed.
        var registry = new TrackRegistry();
        foreach (var playlist in sources.Playlists)
        {
            foreach (var track in playlist.Tracks)
            {
                registry.AddSpotify(track.TrackId, track.ArtistName, track.TrackName, track.AlbumName);
            }
        }
        foreach (var row in sources.AudioFeatures)
        {
            if (row.ArtistName is not null && row.TrackName is not null)
            {
                registry.AddSpotify(row.TrackId, row.ArtistName, row.TrackName, row.AlbumName);
            }
            else if (registry.ContainsId(row.TrackId))
            {
                registry.AddSpotify(row.TrackId, "", "", null);
            }
        }
        foreach (var play in sources.Histories.Values.SelectMany(p => p))
        {
            if (play.TrackId is not null)
            {
                registry.AddSpotify(play.TrackId, play.Artist, play.Title, null, occurrences: 0);
            }
        }
        registry.Collapse();
        Step($"identity: {registry.Count} ids registered");

        var historyRows = new Dictionary<string, int[]>(StringComparer.Ordinal);
        int matched = 0, historyTotal = 0;
        foreach (var (user, plays) in sources.Histories.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            var rows = new int[plays.Count];
            for (var i = 0; i < plays.Count; i++)
            {
                var play = plays[i];
                var row = play.TrackId is not null ? registry.Resolve(play.TrackId) : -1;
                var isMatch = row >= 0;
                if (row < 0)
                {
                    row = registry.ResolveOrAddNames(play.Artist, play.Title, out isMatch);
                }
                rows[i] = row;
                matched += isMatch ? 1 : 0;
            }
            historyTotal += plays.Count;
            historyRows[user] = rows;
        }

        Step($"histories resolved: {matched}/{historyTotal} plays matched");
        var features = new Dictionary<int, float[]>();
        foreach (var row in sources.AudioFeatures)
        {
            var entry = registry.Resolve(row.TrackId);
            if (entry >= 0)
            {
                features.TryAdd(entry, row.Features);
            }
        }

        // 2. Held-out playlists: never trained on.
        var playlistRows = sources.Playlists.Select(p => DistinctRows(p.Tracks.Select(t => registry.Resolve(t.TrackId)))).ToArray();
        var holdout = ChooseHoldout(sources.Playlists, playlistRows, options);

        Step($"held out {holdout.Count} playlists");

        // 3. Training counts: MPD minus held-out, warm-up part of each user.
        var n = registry.Count;
        var counter = new CooccurrenceCounter(n);
        var popularity = new int[n];
        var trainingPlaylists = 0;
        for (var p = 0; p < sources.Playlists.Count; p++)
        {
            if (holdout.Contains(p))
            {
                continue;
            }
            trainingPlaylists++;
            counter.AddBasket(playlistRows[p], options.PlaylistWindow);
            foreach (var row in playlistRows[p])
            {
                popularity[row]++;
            }
        }
        int sessions = 0, warmupPlays = 0, scoredExcluded = 0;
        foreach (var (user, plays) in sources.Histories.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            var rows = historyRows[user];
            var order = Enumerable.Range(0, plays.Count).OrderBy(i => plays[i].At).ToArray();
            var cut = WarmupSplit.WarmupCount(plays.Count, options.WarmupFraction);
            warmupPlays += cut;
            scoredExcluded += plays.Count - cut;
            var basket = new List<int>();
            DateTimeOffset? last = null;
            for (var k = 0; k < cut; k++)
            {
                var play = plays[order[k]];
                if (last is not null && play.At - last.Value > options.SessionGap)
                {
                    sessions += FlushSession(counter, basket, options.SessionWindow);
                }
                last = play.At;
                // Skips never count as co-listening; private-session plays never train anything.
                if (play.MsPlayed < options.SkipThresholdMs || play.Private)
                {
                    continue;
                }
                var row = rows[order[k]];
                popularity[row]++;
                if (basket.Count == 0 || basket[^1] != row)
                {
                    basket.Add(row);
                }
            }
            sessions += FlushSession(counter, basket, options.SessionWindow);
        }

        // 4. Embedding and fallbacks.
        Step($"co-occurrence: {counter.PairCount} pairs");
        var embedding = CoListeningEmbedding.Train(counter, options.Embedding, options.Progress is null ? null : Step);
        Step("embedding trained");
        counter = null;
        var trained = (bool[])embedding.HasVector.Clone();
        var canonical = Enumerable.Range(0, n).Where(registry.IsCanonical).ToArray();
        var artistVectors = options.ArtistFallback ? ApplyArtistFallback(registry, canonical, embedding, trained) : 0;
        var contentVectors = options.ContentFallback ? ApplyContentFallback(canonical, embedding, trained, features, options.Embedding.RidgeLambda) : 0;

        // 5. Alignment to the previous version (same basis lineage), else a new SpaceId.
        var version = options.Version ?? CatalogSnapshotFiles.NewVersion(time.GetUtcNow());
        var (spaceId, alignedTo, alignmentCosine) = Align(registry, canonical, embedding, trained, popularity, options, version);

        Step("fallbacks and alignment done");

        // 6. Held-out check.
        var evaluation = holdout.Count > 0
            ? Evaluate(holdout.Select(p => playlistRows[p]).ToArray(), embedding, popularity, canonical, options.HoldoutVisibleFraction)
            : null;

        Step("held-out evaluation done");

        // 7. Snapshot rows: canonical tracks, most played first.
        var ordered = canonical
            .OrderByDescending(e => popularity[e])
            .ThenBy(e => registry[e].Id, StringComparer.Ordinal)
            .ToArray();
        var finalRow = new int[n];
        Array.Fill(finalRow, -1);
        for (var r = 0; r < ordered.Length; r++)
        {
            finalRow[ordered[r]] = r;
        }
        var tracks = new CatalogTrack[ordered.Length];
        var has = new bool[ordered.Length];
        var vectors = new float[ordered.Length * dims];
        for (var r = 0; r < ordered.Length; r++)
        {
            var entry = registry[ordered[r]];
            string? genre = null;
            sources.Genres?.TryGetValue(entry.Id, out genre);
            tracks[r] = new CatalogTrack(entry.Id, entry.Artist, entry.Title, entry.Album, genre, popularity[ordered[r]]);
            has[r] = embedding.HasVector[ordered[r]];
            embedding.Row(ordered[r]).CopyTo(vectors.AsSpan(r * dims, dims));
        }
        var aliases = Enumerable.Range(0, n)
            .Where(e => !registry.IsCanonical(e))
            .Select(e => new TrackAlias(registry[e].Id, finalRow[registry.Canonical(e)]))
            .OrderBy(a => a.AliasId, StringComparer.Ordinal)
            .ToArray();
        var holdoutPids = holdout.Select(p => sources.Playlists[p].Pid).Order().ToArray();

        var trainedCount = canonical.Count(e => trained[e]);
        var withoutVector = canonical.Count(e => !embedding.HasVector[e]);
        var report = new CatalogBuildReport(
            tracks.Length, aliases.Length, trainingPlaylists, sessions, warmupPlays, scoredExcluded, matched, historyTotal,
            trainedCount, artistVectors, contentVectors, withoutVector, spaceId, alignedTo, alignmentCosine, evaluation, stopwatch.Elapsed);
        var properties = Properties(sources, options, report, holdoutPids);
        var snapshot = new CatalogSnapshot(version, spaceId, dims, time.GetUtcNow(), tracks, has, vectors, aliases, properties);
        return new CatalogBuildResult(snapshot, report with { Elapsed = stopwatch.Elapsed }, holdoutPids);
    }

    private static int[] DistinctRows(IEnumerable<int> rows)
    {
        var seen = new HashSet<int>();
        return rows.Where(r => r >= 0 && seen.Add(r)).ToArray();
    }

    private static HashSet<int> ChooseHoldout(IReadOnlyList<Ingestion.MpdPlaylist> playlists, int[][] rows, CatalogBuildOptions options)
    {
        var candidates = Enumerable.Range(0, playlists.Count)
            .Where(p => rows[p].Length >= options.HoldoutMinTracks)
            .OrderBy(p => playlists[p].Pid)
            .ToArray();
        new Random(options.HoldoutSeed).Shuffle(candidates);
        return candidates.Take(Math.Max(0, options.HoldoutPlaylists)).ToHashSet();
    }

    private static int FlushSession(CooccurrenceCounter counter, List<int> basket, int window)
    {
        var count = basket.Count > 0 ? 1 : 0;
        if (basket.Count > 1)
        {
            counter.AddBasket(basket.ToArray(), window);
        }
        basket.Clear();
        return count;
    }

    private static int ApplyArtistFallback(TrackRegistry registry, int[] canonical, EmbeddingResult embedding, bool[] trained)
    {
        var dims = embedding.Dimensions;
        var sums = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var e in canonical.Where(e => trained[e]))
        {
            var artist = TrackIdentity.NormalizeArtist(registry[e].Artist);
            if (!sums.TryGetValue(artist, out var sum))
            {
                sums[artist] = sum = new double[dims];
            }
            var v = embedding.Row(e);
            for (var d = 0; d < dims; d++)
            {
                sum[d] += v[d];
            }
        }
        var placed = 0;
        foreach (var e in canonical.Where(e => !embedding.HasVector[e]))
        {
            if (sums.TryGetValue(TrackIdentity.NormalizeArtist(registry[e].Artist), out var sum))
            {
                var target = embedding.Row(e);
                for (var d = 0; d < dims; d++)
                {
                    target[d] = (float)sum[d];
                }
                if (CoListeningEmbedding.Normalize(target))
                {
                    embedding.HasVector[e] = true;
                    placed++;
                }
            }
        }
        return placed;
    }

    private static int ApplyContentFallback(int[] canonical, EmbeddingResult embedding, bool[] trained, Dictionary<int, float[]> features, double lambda)
    {
        var examples = canonical
            .Where(e => trained[e] && features.ContainsKey(e))
            .Select(e => (features[e], embedding.Row(e).ToArray()))
            .ToList();
        var mapper = ContentFeatureMapper.Fit(examples, lambda);
        if (mapper is null)
        {
            return 0;
        }
        var placed = 0;
        foreach (var e in canonical.Where(e => !embedding.HasVector[e] && features.ContainsKey(e)))
        {
            if (mapper.Predict(features[e], embedding.Row(e)))
            {
                embedding.HasVector[e] = true;
                placed++;
            }
        }
        return placed;
    }

    private static (string SpaceId, string? AlignedTo, double? MeanCosine) Align(
        TrackRegistry registry, int[] canonical, EmbeddingResult embedding, bool[] trained, int[] popularity, CatalogBuildOptions options, string version)
    {
        var previous = options.Previous;
        var dims = embedding.Dimensions;
        if (previous is null || options.ForceRebase || previous.Dimensions != dims)
        {
            return ("space-" + version, null, null);
        }
        var pairs = new List<(int Source, int Target)>();
        foreach (var e in canonical.Where(e => trained[e]))
        {
            var row = previous.IndexOf(registry[e].Id);
            if (row >= 0 && previous.HasVector(row))
            {
                pairs.Add((e, row));
            }
        }
        var minimum = Math.Max(options.MinSharedForAlignment, 2 * dims);
        if (pairs.Count < minimum)
        {
            return ("space-" + version, null, null);
        }
        // Fit on well-supported tracks: vectors of tracks seen once or twice are noisy in every
        // retrain and would only blur the rotation.
        var supported = pairs.Where(p => popularity[p.Source] >= options.AlignmentMinSupport).ToList();
        if (supported.Count >= minimum)
        {
            pairs = supported;
        }
        var fit = ProcrustesAlignment.Fit(embedding.Vectors, previous.Vectors, dims, pairs);
        ProcrustesAlignment.Apply(embedding.Vectors, dims, fit.Rotation);
        return (previous.SpaceId, previous.Version, fit.MeanCosineAfter);
    }

    /// <summary>Neighbours of the visible part vs global popularity, on the hidden part.</summary>
    public static HoldoutEvaluation Evaluate(int[][] playlists, EmbeddingResult embedding, int[] popularity, int[] candidates, double visibleFraction)
    {
        var dims = embedding.Dimensions;
        var withVector = candidates.Where(e => embedding.HasVector[e]).ToArray();
        var byPopularity = candidates.OrderByDescending(e => popularity[e]).ThenBy(e => e).ToArray();
        var results = new (bool NHit, bool PHit, double NRecall, double PRecall, bool NoQuery)[playlists.Length];
        Parallel.For(0, playlists.Length, p =>
        {
            var rows = playlists[p];
            var visibleCount = Math.Clamp((int)(rows.Length * visibleFraction), 1, rows.Length - 1);
            var visible = rows[..visibleCount].ToHashSet();
            var hidden = rows[visibleCount..].ToHashSet();
            var query = new float[dims];
            var any = false;
            foreach (var r in visible)
            {
                if (embedding.HasVector[r])
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(query, embedding.Row(r), query);
                    any = true;
                }
            }
            var neighbours = any ? TopK(withVector, embedding, query, visible, 10) : [];
            var popular = byPopularity.Where(r => !visible.Contains(r)).Take(10).ToArray();
            var denominator = Math.Min(10, hidden.Count);
            var nFound = neighbours.Count(hidden.Contains);
            var pFound = popular.Count(hidden.Contains);
            results[p] = (nFound > 0, pFound > 0, (double)nFound / denominator, (double)pFound / denominator, !any);
        });
        var count = Math.Max(1, playlists.Length);
        return new HoldoutEvaluation(
            playlists.Length,
            results.Count(r => r.NHit) / (double)count,
            results.Count(r => r.PHit) / (double)count,
            results.Sum(r => r.NRecall) / count,
            results.Sum(r => r.PRecall) / count,
            results.Count(r => r.NoQuery));
    }

    private static int[] TopK(int[] rows, EmbeddingResult embedding, float[] query, HashSet<int> exclude, int k)
    {
        var best = new PriorityQueue<int, float>(k + 1);
        foreach (var r in rows)
        {
            if (exclude.Contains(r))
            {
                continue;
            }
            var score = System.Numerics.Tensors.TensorPrimitives.Dot(embedding.Row(r), query);
            if (best.Count < k)
            {
                best.Enqueue(r, score);
            }
            else if (best.TryPeek(out _, out var worst) && score > worst)
            {
                best.EnqueueDequeue(r, score);
            }
        }
        var result = new int[best.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            result[i] = best.Dequeue();
        }
        return result;
    }

    private static Dictionary<string, string> Properties(CatalogSources sources, CatalogBuildOptions options, CatalogBuildReport report, int[] holdoutPids)
    {
        string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["method"] = "ppmi+randomized-svd",
            ["method.smoothing"] = F(options.Embedding.Smoothing),
            ["method.eigenWeight"] = F(options.Embedding.EigenWeight),
            ["method.playlistWindow"] = options.PlaylistWindow.ToString(CultureInfo.InvariantCulture),
            ["method.sessionWindow"] = options.SessionWindow.ToString(CultureInfo.InvariantCulture),
            ["sources"] = sources.Description,
            ["training.playlists"] = report.TrainingPlaylists.ToString(CultureInfo.InvariantCulture),
            ["training.sessions"] = report.TrainingSessions.ToString(CultureInfo.InvariantCulture),
            ["training.warmupPlays"] = report.WarmupPlays.ToString(CultureInfo.InvariantCulture),
            ["warmup.fraction"] = F(options.WarmupFraction),
            ["skip.thresholdMs"] = options.SkipThresholdMs.ToString(CultureInfo.InvariantCulture),
            ["holdout.playlists"] = holdoutPids.Length.ToString(CultureInfo.InvariantCulture),
            ["holdout.pids"] = string.Join(',', holdoutPids),
            ["vectors.trained"] = report.TrainedVectors.ToString(CultureInfo.InvariantCulture),
            ["vectors.artistFallback"] = report.ArtistFallbackVectors.ToString(CultureInfo.InvariantCulture),
            ["vectors.contentFallback"] = report.ContentFallbackVectors.ToString(CultureInfo.InvariantCulture),
            ["vectors.none"] = report.WithoutVector.ToString(CultureInfo.InvariantCulture),
        };
        if (report.AlignedTo is not null)
        {
            properties["space.alignedTo"] = report.AlignedTo;
            properties["space.alignmentMeanCosine"] = F(report.AlignmentMeanCosine ?? 0);
        }
        if (report.Holdout is { } h)
        {
            properties["eval.hitRate10.neighbours"] = F(h.NeighbourHitRateAt10);
            properties["eval.hitRate10.popularity"] = F(h.PopularityHitRateAt10);
        }
        return properties;
    }
}
