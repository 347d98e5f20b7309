namespace Streaming.Ranking;

/// <summary>
/// Structural checks shared by the constructor (which throws <see cref="ArgumentException"/>) and the
/// reader (which throws <see cref="FormatException"/>): each returns the first problem found, or null.
/// </summary>
internal static class TreeEnsembleValidator
{
    public static string? FindError(
        IReadOnlyList<string> featureNames,
        float bias,
        ReadOnlySpan<int> treeNodeCounts,
        ReadOnlySpan<int> splitFeatures,
        ReadOnlySpan<float> thresholds,
        ReadOnlySpan<int> leftChildren,
        ReadOnlySpan<int> rightChildren,
        ReadOnlySpan<double> leafValues)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < featureNames.Count; i++)
        {
            var name = featureNames[i];
            if (name is null)
            {
                return $"feature name {i} is null";
            }

            if (!seen.Add(name))
            {
                return $"feature name '{name}' appears twice (indexes must map to one name each)";
            }
        }

        if (!float.IsFinite(bias))
        {
            return $"bias {bias} is not finite";
        }

        long totalNodes = 0;
        var maxNodes = 0;
        for (var t = 0; t < treeNodeCounts.Length; t++)
        {
            if (treeNodeCounts[t] < 0)
            {
                return $"tree {t} has a negative node count ({treeNodeCounts[t]})";
            }

            totalNodes += treeNodeCounts[t];
            maxNodes = Math.Max(maxNodes, treeNodeCounts[t]);
        }

        // A binary tree with N internal nodes has N + 1 leaves, so the leaf total follows from the node total.
        var totalLeaves = totalNodes + treeNodeCounts.Length;
        if (splitFeatures.Length != totalNodes || thresholds.Length != totalNodes
            || leftChildren.Length != totalNodes || rightChildren.Length != totalNodes)
        {
            return $"the trees have {totalNodes} nodes in all but the node arrays have lengths "
                + $"{splitFeatures.Length}/{thresholds.Length}/{leftChildren.Length}/{rightChildren.Length} "
                + "(features/thresholds/left/right)";
        }

        if (leafValues.Length != totalLeaves)
        {
            return $"the trees have {totalLeaves} leaves in all (one more than nodes, per tree) "
                + $"but there are {leafValues.Length} leaf values";
        }

        for (var i = 0; i < leafValues.Length; i++)
        {
            if (!double.IsFinite(leafValues[i]))
            {
                return $"leaf value {i} ({leafValues[i]}) is not finite";
            }
        }

        var nodeSeen = new bool[maxNodes];
        var leafSeen = new bool[maxNodes + 1];
        var stack = new int[maxNodes];
        var nodeStart = 0;
        for (var t = 0; t < treeNodeCounts.Length; t++)
        {
            var count = treeNodeCounts[t];
            var error = FindTreeError(
                t, count, featureNames.Count,
                splitFeatures.Slice(nodeStart, count), thresholds.Slice(nodeStart, count),
                leftChildren.Slice(nodeStart, count), rightChildren.Slice(nodeStart, count),
                nodeSeen.AsSpan(0, count), leafSeen.AsSpan(0, count + 1), stack);
            if (error is not null)
            {
                return error;
            }

            nodeStart += count;
        }

        return null;
    }

    private static string? FindTreeError(
        int tree,
        int nodeCount,
        int featureCount,
        ReadOnlySpan<int> splitFeatures,
        ReadOnlySpan<float> thresholds,
        ReadOnlySpan<int> left,
        ReadOnlySpan<int> right,
        Span<bool> nodeSeen,
        Span<bool> leafSeen,
        int[] stack)
    {
        var leafCount = nodeCount + 1;
        for (var n = 0; n < nodeCount; n++)
        {
            if ((uint)splitFeatures[n] >= (uint)featureCount)
            {
                return $"tree {tree} node {n}: feature index {splitFeatures[n]} is outside 0..{featureCount - 1} "
                    + $"(the model has {featureCount} features)";
            }

            if (float.IsNaN(thresholds[n]))
            {
                return $"tree {tree} node {n}: threshold is NaN";
            }

            var error = FindChildError(tree, n, "left", left[n], nodeCount, leafCount)
                ?? FindChildError(tree, n, "right", right[n], nodeCount, leafCount);
            if (error is not null)
            {
                return error;
            }
        }

        nodeSeen.Clear();
        leafSeen.Clear();
        if (nodeCount == 0)
        {
            return null; // a single leaf: nothing to walk
        }

        // Walk from the root: every node and leaf must be reached exactly once, which rules out cycles,
        // shared subtrees and detached nodes, so the evaluator's descent always ends at a leaf.
        var depth = 0;
        stack[depth++] = 0;
        var visited = 0;
        while (depth > 0)
        {
            var n = stack[--depth];
            if (nodeSeen[n])
            {
                return $"tree {tree}: node {n} is reached twice (a cycle or a shared subtree)";
            }

            nodeSeen[n] = true;
            visited++;
            foreach (var child in (ReadOnlySpan<int>)[left[n], right[n]])
            {
                if (child >= 0)
                {
                    if (depth == stack.Length || nodeSeen[child])
                    {
                        return $"tree {tree}: node {child} is reached twice (a cycle or a shared subtree)";
                    }

                    stack[depth++] = child;
                }
                else if (leafSeen[~child])
                {
                    return $"tree {tree}: leaf {~child} is reached twice";
                }
                else
                {
                    leafSeen[~child] = true;
                }
            }
        }

        if (visited != nodeCount)
        {
            return $"tree {tree}: {nodeCount - visited} of its {nodeCount} nodes cannot be reached from the root";
        }

        return null;
    }

    private static string? FindChildError(int tree, int node, string side, int child, int nodeCount, int leafCount)
    {
        if (child == 0)
        {
            return $"tree {tree} node {node}: {side} child points back to the root";
        }

        if (child > 0 && child >= nodeCount)
        {
            return $"tree {tree} node {node}: {side} child {child} is out of range (the tree has {nodeCount} nodes)";
        }

        if (child < 0 && ~child >= leafCount)
        {
            return $"tree {tree} node {node}: {side} child ~{~child} is out of range (the tree has {leafCount} leaves)";
        }

        return null;
    }
}
