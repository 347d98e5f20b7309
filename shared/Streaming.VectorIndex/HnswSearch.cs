using System.Runtime.CompilerServices;

namespace Streaming.VectorIndex;

/// <summary>
/// The two graph walks of HNSW, shared by insertion and querying. Link counts are read with
/// <see cref="Volatile"/> because during a parallel build other threads rewrite blocks under their node
/// locks; a walk may then see a half-updated block, which is harmless: every slot always holds a valid
/// node id of the right layer, and the visited set absorbs duplicates.
/// </summary>
internal static class HnswSearch
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> query, float[] data, int id, int dims) => VectorMath.Dot(query, data, id, dims);

    /// <summary>Greedy descent on one layer: moves to a better neighbour until none is better (ef = 1).</summary>
    public static void Greedy<TScorer>(HnswGraph graph, TScorer scorer, int level, ref int current, ref float currentScore)
        where TScorer : IRowScorer, allows ref struct
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            var block = graph.Block(current, level);
            var count = Volatile.Read(ref block[0]);
            for (var j = 1; j <= count; j++)
            {
                scorer.Prefetch(block[j]);
            }

            for (var j = 1; j <= count; j++)
            {
                var candidate = block[j];
                var score = scorer.Score(candidate);
                if (score > currentScore)
                {
                    currentScore = score;
                    current = candidate;
                    changed = true;
                }
            }
        }
    }

    /// <summary>
    /// Best-first search of one layer from one entry node, keeping the best <paramref name="ef"/> accepted
    /// nodes. Nodes rejected by <paramref name="filter"/> are still expanded (they are stepping stones)
    /// but never kept; the walk stops once the closest unexpanded candidate is worse than the worst kept
    /// node of a full result set (or merely ties it: a crowd of identical vectors must not be walked in full).
    /// </summary>
    /// <param name="visitBudget">Most nodes the walk may score before giving up (a filter that accepts almost
    /// nothing would otherwise have it wander the whole graph, slower than a scan).</param>
    /// <param name="exhausted">Set when the budget ran out; the returned nodes are then incomplete.</param>
    /// <returns>The kept nodes in heap order (not sorted), a view into <paramref name="scratch"/>.</returns>
    public static Span<Neighbor> SearchLayer<TScorer>(
        HnswGraph graph,
        scoped TScorer scorer,
        int entry,
        float entryScore,
        int level,
        int ef,
        Func<int, bool>? filter,
        SearchScratch scratch,
        NeighborOrder order,
        int visitBudget,
        out bool exhausted)
        where TScorer : IRowScorer, allows ref struct
    {
        exhausted = false;
        var visited = scratch.Visited;
        var candidates = scratch.Candidates;
        var storage = scratch.Results(ef);
        var top = new TopK(storage, order);
        visited.Reset(graph.Count);
        candidates.Clear();
        Span<int> fresh = stackalloc int[graph.MaxLinks0];

        visited.TryVisit(entry);
        candidates.Push(entry, entryScore);
        if (filter is null || filter(entry))
        {
            top.Add(entryScore, entry);
        }

        while (candidates.Count > 0)
        {
            var current = candidates.Best;
            if (top.IsFull && current.Score <= top.Worst.Score)
            {
                break;
            }

            candidates.Pop();
            var block = graph.Block(current.Id, level);
            var count = Math.Min(Volatile.Read(ref block[0]), fresh.Length);

            // First pass: claim unvisited neighbours and start loading their rows; second: score them.
            var freshCount = 0;
            for (var j = 1; j <= count; j++)
            {
                var neighbor = block[j];
                if (visited.TryVisit(neighbor))
                {
                    scorer.Prefetch(neighbor);
                    fresh[freshCount++] = neighbor;
                }
            }

            visitBudget -= freshCount;
            if (visitBudget < 0)
            {
                exhausted = true;
                break;
            }

            for (var j = 0; j < freshCount; j++)
            {
                var neighbor = fresh[j];
                var score = scorer.Score(neighbor);
                if (!top.Admits(score, neighbor))
                {
                    continue;
                }

                candidates.Push(neighbor, score);
                if (filter is null || filter(neighbor))
                {
                    top.Add(score, neighbor);
                }
            }
        }

        return storage[..top.Count];
    }
}
