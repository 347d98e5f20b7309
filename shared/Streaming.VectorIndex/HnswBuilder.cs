namespace Streaming.VectorIndex;

/// <summary>
/// Inserts every row of a matrix into an <see cref="HnswGraph"/> (Malkov &amp; Yashunin, algorithms 1, 2 and 4).
/// Workers take node ids from a shared counter, so insertion follows row order; each node's link blocks
/// are written under that node's spin lock, and the entry point under a global lock that an insertion
/// holds throughout only when it raises the top level (rare: about log_M(N) times).
/// </summary>
internal sealed class HnswBuilder
{
    private readonly HnswGraph _graph;
    private readonly float[] _data;
    private readonly int _dims;
    private readonly int _count;
    private readonly int _m;
    private readonly int _efConstruction;
    private readonly int[] _nodeLocks;
    private readonly Lock _entryLock = new();

    private HnswBuilder(VectorMatrix vectors, HnswOptions options)
    {
        _data = vectors.Data;
        _dims = vectors.Dimensions;
        _count = vectors.Count;
        _m = options.M;
        _efConstruction = Math.Max(options.EfConstruction, options.M);
        _graph = new HnswGraph(_count, options.M, DrawLevels(_count, options.M, options.Seed));
        _nodeLocks = new int[_count];
    }

    public static HnswGraph Build(VectorMatrix vectors, HnswOptions options, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var builder = new HnswBuilder(vectors, options);
        builder.InsertAll(options.MaxDegreeOfParallelism, progress, cancellationToken);
        return builder._graph;
    }

    /// <summary>Level of each node: floor(-ln(U) · mL) with mL = 1/ln(M), drawn in row order from a seeded RNG.</summary>
    internal static byte[] DrawLevels(int count, int m, int seed)
    {
        var random = new Random(seed);
        var scale = 1.0 / Math.Log(m);
        var levels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var level = (int)(-Math.Log(1.0 - random.NextDouble()) * scale);
            levels[i] = (byte)Math.Min(level, HnswGraph.MaxLevelCap);
        }

        return levels;
    }

    private void InsertAll(int maxDegreeOfParallelism, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_count == 0)
        {
            return;
        }

        _graph.EntryPoint = 0;
        _graph.MaxLevel = _graph.Levels[0];
        var next = 0;
        var workers = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        workers = Math.Clamp(workers, 1, Math.Max(1, _count / 1024));

        void Work()
        {
            var scratch = new BuildScratch(_graph.MaxLinks0);
            int node;
            while ((node = Interlocked.Increment(ref next)) < _count)
            {
                if ((node & 1023) == 0)
                {
                    // Workers just stop; the caller throws once, unwrapped, after they have all returned.
                    if (cancellationToken.IsCancellationRequested)
                    {
                        return;
                    }

                    if ((node & 16383) == 0)
                    {
                        progress?.Report(node);
                    }
                }

                Insert(node, scratch);
            }
        }

        if (workers == 1)
        {
            Work();
        }
        else
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ => Work());
        }

        cancellationToken.ThrowIfCancellationRequested();

        progress?.Report(_count);
    }

    private void Insert(int node, BuildScratch scratch)
    {
        var level = (int)_graph.Levels[node];
        int entry;
        int maxLevel;
        lock (_entryLock)
        {
            entry = _graph.EntryPoint;
            maxLevel = _graph.MaxLevel;
        }

        // A node that raises the top level keeps the entry lock until it is linked, then becomes the entry point.
        var raisesTop = false;
        if (level > maxLevel)
        {
            _entryLock.Enter();
            entry = _graph.EntryPoint;
            maxLevel = _graph.MaxLevel;
            raisesTop = level > maxLevel;
            if (!raisesTop)
            {
                _entryLock.Exit();
            }
        }

        try
        {
            var query = new ReadOnlySpan<float>(_data, node * _dims, _dims);
            var order = NeighborOrder.For(node);
            var scorer = new FloatRowScorer(query, _data, _dims);
            var current = entry;
            var currentScore = scorer.Score(current);
            for (var l = maxLevel; l > level; l--)
            {
                HnswSearch.Greedy(_graph, scorer, l, ref current, ref currentScore);
            }

            for (var l = Math.Min(level, maxLevel); l >= 0; l--)
            {
                var found = HnswSearch.SearchLayer(_graph, scorer, current, currentScore, l, _efConstruction, null, scratch.Search, order, int.MaxValue, out _);
                order.Sort(found);

                var selected = scratch.Selected;
                var selectedCount = SelectByHeuristic(node, found, _m, selected);
                WriteBlock(node, l, selected[..selectedCount], scratch);
                for (var i = 0; i < selectedCount; i++)
                {
                    Link(selected[i].Id, node, selected[i].Score, l, scratch);
                }

                // The next layer down starts from the best node found here (skipping the node itself,
                // which a concurrent insertion may already have linked).
                foreach (var candidate in found)
                {
                    if (candidate.Id != node)
                    {
                        current = candidate.Id;
                        currentScore = candidate.Score;
                        break;
                    }
                }
            }
        }
        finally
        {
            if (raisesTop)
            {
                _graph.EntryPoint = node;
                _graph.MaxLevel = level;
                _entryLock.Exit();
            }
        }
    }

    /// <summary>
    /// Algorithm 4 without extension: walks candidates best first and keeps one only if it is at least as
    /// similar to the base node as to every neighbour already kept, which spreads links over directions
    /// instead of piling them into one cluster. Ties keep the candidate, so exact duplicates stay linked.
    /// </summary>
    private int SelectByHeuristic(int baseNode, ReadOnlySpan<Neighbor> sortedCandidates, int max, Span<Neighbor> selected)
    {
        var kept = 0;
        foreach (var candidate in sortedCandidates)
        {
            if (kept >= max)
            {
                break;
            }

            if (candidate.Id == baseNode)
            {
                continue;
            }

            var vector = new ReadOnlySpan<float>(_data, candidate.Id * _dims, _dims);
            var diverse = true;
            for (var j = 0; j < kept; j++)
            {
                if (HnswSearch.Dot(vector, _data, selected[j].Id, _dims) > candidate.Score)
                {
                    diverse = false;
                    break;
                }
            }

            if (diverse)
            {
                selected[kept++] = candidate;
            }
        }

        return kept;
    }

    /// <summary>
    /// Sets the new node's links on one layer. During a parallel build another insertion may already
    /// have linked itself here (it reached this node through an upper layer), so existing links are merged
    /// in rather than overwritten: a lost back link can leave that other node unreachable.
    /// </summary>
    private void WriteBlock(int node, int level, ReadOnlySpan<Neighbor> links, BuildScratch scratch)
    {
        EnterNode(node);
        try
        {
            var block = _graph.Block(node, level);
            var existing = block[0];
            if (existing == 0)
            {
                for (var i = 0; i < links.Length; i++)
                {
                    block[i + 1] = links[i].Id;
                }

                Volatile.Write(ref block[0], links.Length);
                return;
            }

            var merged = scratch.Merge;
            links.CopyTo(merged);
            var count = links.Length;
            var vector = new ReadOnlySpan<float>(_data, node * _dims, _dims);
            for (var i = 1; i <= existing; i++)
            {
                var id = block[i];
                if (!merged[..count].ContainsId(id))
                {
                    merged[count++] = new Neighbor(id, HnswSearch.Dot(vector, _data, id, _dims));
                }
            }

            var order = NeighborOrder.For(node);
            order.Sort(merged[..count]);
            var capacity = _graph.Capacity(level);
            var kept = count <= capacity ? count : SelectByHeuristic(node, merged[..count], capacity, scratch.PruneSelected);
            var source = count <= capacity ? merged : scratch.PruneSelected;
            for (var i = 0; i < kept; i++)
            {
                block[i + 1] = source[i].Id;
            }

            Volatile.Write(ref block[0], kept);
        }
        finally
        {
            ExitNode(node);
        }
    }

    /// <summary>Adds the back link <paramref name="target"/> → <paramref name="newNode"/>, re-running the heuristic when the block is full.</summary>
    private void Link(int target, int newNode, float score, int level, BuildScratch scratch)
    {
        EnterNode(target);
        try
        {
            var block = _graph.Block(target, level);
            var count = block[0];
            var capacity = _graph.Capacity(level);
            for (var i = 1; i <= count; i++)
            {
                if (block[i] == newNode)
                {
                    return;
                }
            }

            if (count < capacity)
            {
                block[count + 1] = newNode;
                Volatile.Write(ref block[0], count + 1);
                return;
            }

            var candidates = scratch.Prune[..(count + 1)];
            var targetVector = new ReadOnlySpan<float>(_data, target * _dims, _dims);
            for (var i = 1; i <= count; i++)
            {
                VectorMath.Prefetch(_data, block[i], _dims);
            }

            for (var i = 0; i < count; i++)
            {
                var id = block[i + 1];
                candidates[i] = new Neighbor(id, HnswSearch.Dot(targetVector, _data, id, _dims));
            }

            candidates[count] = new Neighbor(newNode, score);
            NeighborOrder.For(target).Sort(candidates);
            var kept = SelectByHeuristic(target, candidates, capacity, scratch.PruneSelected);
            for (var i = 0; i < kept; i++)
            {
                block[i + 1] = scratch.PruneSelected[i].Id;
            }

            Volatile.Write(ref block[0], kept);
        }
        finally
        {
            ExitNode(target);
        }
    }

    private void EnterNode(int node)
    {
        if (Interlocked.CompareExchange(ref _nodeLocks[node], 1, 0) == 0)
        {
            return;
        }

        var spinner = default(SpinWait);
        while (Interlocked.CompareExchange(ref _nodeLocks[node], 1, 0) != 0)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private void ExitNode(int node) => Volatile.Write(ref _nodeLocks[node], 0);

    /// <summary>Per-worker buffers, so insertions allocate nothing.</summary>
    private sealed class BuildScratch(int maxLinks0)
    {
        private readonly Neighbor[] _selected = new Neighbor[maxLinks0 + 1];
        private readonly Neighbor[] _prune = new Neighbor[maxLinks0 + 1];
        private readonly Neighbor[] _pruneSelected = new Neighbor[maxLinks0 + 1];
        private readonly Neighbor[] _merge = new Neighbor[(2 * maxLinks0) + 1];

        public SearchScratch Search { get; } = new();

        public Span<Neighbor> Selected => _selected;

        public Span<Neighbor> Prune => _prune;

        /// <summary>Separate from <see cref="Selected"/>: pruning runs while the new node's selection is being linked.</summary>
        public Span<Neighbor> PruneSelected => _pruneSelected;

        public Span<Neighbor> Merge => _merge;
    }
}
