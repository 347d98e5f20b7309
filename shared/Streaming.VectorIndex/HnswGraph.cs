namespace Streaming.VectorIndex;

/// <summary>
/// The link structure of an HNSW index in flat arrays. Every node has a layer-0 block of
/// <c>MaxLinks0 + 1</c> ints (<c>[count, id, id, ...]</c>) in <see cref="Links0"/>; the ~1/M of nodes that
/// reach higher layers have one block of <c>MaxLinks + 1</c> ints per extra layer in <see cref="UpperLinks"/>,
/// starting at <see cref="UpperOffsets"/>[node]. Links on layer l only point to nodes whose level is &gt;= l.
/// </summary>
internal sealed class HnswGraph
{
    public const int MaxLevelCap = 30;

    public HnswGraph(int count, int maxLinks, byte[] levels)
    {
        Count = count;
        MaxLinks = maxLinks;
        MaxLinks0 = 2 * maxLinks;
        Levels = levels;
        Links0 = new int[checked(count * (MaxLinks0 + 1))];
        UpperOffsets = new int[count];
        long upper = 0;
        for (var i = 0; i < count; i++)
        {
            UpperOffsets[i] = (int)upper;
            upper += (long)levels[i] * (maxLinks + 1);
        }

        UpperLinks = new int[checked((int)upper)];
        EntryPoint = -1;
    }

    public int Count { get; }

    /// <summary>Link cap on layers above 0 (M).</summary>
    public int MaxLinks { get; }

    /// <summary>Link cap on layer 0 (2·M).</summary>
    public int MaxLinks0 { get; }

    public byte[] Levels { get; }

    public int[] Links0 { get; }

    public int[] UpperOffsets { get; }

    public int[] UpperLinks { get; }

    public int EntryPoint { get; set; }

    public int MaxLevel { get; set; }

    public int Capacity(int level) => level == 0 ? MaxLinks0 : MaxLinks;

    /// <summary>The <c>[count, ids...]</c> block of <paramref name="node"/> on <paramref name="level"/>.</summary>
    public Span<int> Block(int node, int level) =>
        level == 0
            ? new Span<int>(Links0, node * (MaxLinks0 + 1), MaxLinks0 + 1)
            : new Span<int>(UpperLinks, UpperOffsets[node] + ((level - 1) * (MaxLinks + 1)), MaxLinks + 1);

    /// <summary>Nodes reachable on layer 0 from the entry point (a diagnostic of graph health).</summary>
    public int CountReachable()
    {
        if (Count == 0)
        {
            return 0;
        }

        var seen = new bool[Count];
        var stack = new Stack<int>();
        stack.Push(EntryPoint);
        seen[EntryPoint] = true;
        var reached = 0;
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            reached++;
            var block = Block(node, 0);
            foreach (var next in block.Slice(1, block[0]))
            {
                if (!seen[next])
                {
                    seen[next] = true;
                    stack.Push(next);
                }
            }
        }

        return reached;
    }
}
