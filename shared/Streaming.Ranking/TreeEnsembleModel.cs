using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Streaming.Ranking;

/// <summary>
/// An immutable additive ensemble of binary regression trees (a LambdaMART ranker, for instance):
/// <c>score = Bias + sum over trees of the value of the leaf the row falls into</c>.
/// </summary>
/// <remarks>
/// <para>
/// Split semantics are ML.NET FastTree's: at an internal node a row goes left when
/// <c>features[SplitFeature] &lt;= Threshold</c> and right otherwise. A NaN feature fails that comparison,
/// so NaN always goes right; FastTree models carry no per-node default for missing values, so this is
/// exactly what ML.NET's own scorer does. The sum is accumulated in double over the trees in order and
/// rounded to float once, as ML.NET does, so converted FastTree models score bit-for-bit like ML.NET.
/// </para>
/// <para>
/// Trees are stored in flat arrays in tree order. In the public (and serialized) form, indexes are local
/// to their tree: internal node <c>n</c> of tree <c>t</c> sits at <c>TreeNodeStarts[t] + n</c>, its leaf
/// <c>l</c> at <c>TreeLeafStarts[t] + l</c>; node 0 is the root; a child <c>c &gt;= 0</c> is a node and
/// <c>c &lt; 0</c> is leaf <c>~c</c>. A tree with no internal node is a single leaf.
/// Immutable and safe to share between threads; scoring allocates nothing.
/// </para>
/// </remarks>
public sealed class TreeEnsembleModel
{
    private readonly ReadOnlyCollection<string> _featureNames;
    private readonly int[] _treeNodeStarts;
    private readonly int[] _treeLeafStarts;
    private readonly int[] _splitFeatures;
    private readonly float[] _thresholds;
    private readonly int[] _leftChildren;
    private readonly int[] _rightChildren;
    private readonly double[] _leafValues;

    // What the evaluator reads: packed nodes with ensemble-global child indexes, and each tree's root
    // (a node index, or ~leaf for a single-leaf tree), so the descent needs no per-tree offsets.
    private readonly PackedNode[] _nodes;
    private readonly int[] _roots;

    /// <summary>Builds a model from flat tree arrays (copied); throws <see cref="ArgumentException"/> when they do not form valid trees.</summary>
    /// <param name="version">Identifies the model (a training run, a date); kept with it through serialization.</param>
    /// <param name="featureNames">Names of the feature columns, in the order rows are laid out. Distinct.</param>
    /// <param name="bias">Added to every score.</param>
    /// <param name="treeNodeCounts">Internal node count of each tree; a tree with N nodes has N + 1 leaves.</param>
    /// <param name="splitFeatures">Per node (trees concatenated): the feature index it tests.</param>
    /// <param name="thresholds">Per node: go left when the feature is <c>&lt;=</c> this.</param>
    /// <param name="leftChildren">Per node: tree-local left child (<c>&gt;= 0</c> node, <c>&lt; 0</c> leaf <c>~c</c>).</param>
    /// <param name="rightChildren">Per node: tree-local right child.</param>
    /// <param name="leafValues">Per leaf (trees concatenated): its contribution to the score.</param>
    public TreeEnsembleModel(
        string version,
        IReadOnlyList<string> featureNames,
        float bias,
        ReadOnlySpan<int> treeNodeCounts,
        ReadOnlySpan<int> splitFeatures,
        ReadOnlySpan<float> thresholds,
        ReadOnlySpan<int> leftChildren,
        ReadOnlySpan<int> rightChildren,
        ReadOnlySpan<double> leafValues)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(featureNames);
        var error = TreeEnsembleValidator.FindError(
            featureNames, bias, treeNodeCounts, splitFeatures, thresholds, leftChildren, rightChildren, leafValues);
        if (error is not null)
        {
            throw new ArgumentException($"Invalid tree ensemble: {error}.");
        }

        Version = version;
        Bias = bias;
        var names = new string[featureNames.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = featureNames[i];
        }

        _featureNames = Array.AsReadOnly(names);
        _splitFeatures = splitFeatures.ToArray();
        _thresholds = thresholds.ToArray();
        _leftChildren = leftChildren.ToArray();
        _rightChildren = rightChildren.ToArray();
        _leafValues = leafValues.ToArray();

        var treeCount = treeNodeCounts.Length;
        _treeNodeStarts = new int[treeCount + 1];
        _treeLeafStarts = new int[treeCount + 1];
        _roots = new int[treeCount];
        _nodes = new PackedNode[_splitFeatures.Length];
        for (var t = 0; t < treeCount; t++)
        {
            var nodeStart = _treeNodeStarts[t];
            var leafStart = _treeLeafStarts[t];
            _treeNodeStarts[t + 1] = nodeStart + treeNodeCounts[t];
            _treeLeafStarts[t + 1] = leafStart + treeNodeCounts[t] + 1;
            _roots[t] = treeNodeCounts[t] == 0 ? ~leafStart : nodeStart;
            for (var n = nodeStart; n < _treeNodeStarts[t + 1]; n++)
            {
                _nodes[n] = new PackedNode(
                    _splitFeatures[n],
                    _thresholds[n],
                    ToGlobal(_leftChildren[n], nodeStart, leafStart),
                    ToGlobal(_rightChildren[n], nodeStart, leafStart));
            }
        }
    }

    public string Version { get; }

    public IReadOnlyList<string> FeatureNames => _featureNames;

    public float Bias { get; }

    /// <summary>The row length <see cref="Score(ReadOnlySpan{float})"/> expects.</summary>
    public int FeatureCount => _featureNames.Count;

    public int TreeCount => _roots.Length;

    public int NodeCount => _nodes.Length;

    public int LeafCount => _leafValues.Length;

    /// <summary><c>TreeCount + 1</c> entries: tree <c>t</c>'s nodes are <c>[TreeNodeStarts[t], TreeNodeStarts[t + 1])</c>.</summary>
    public ReadOnlySpan<int> TreeNodeStarts => _treeNodeStarts;

    /// <summary><c>TreeCount + 1</c> entries: tree <c>t</c>'s leaves are <c>[TreeLeafStarts[t], TreeLeafStarts[t + 1])</c>.</summary>
    public ReadOnlySpan<int> TreeLeafStarts => _treeLeafStarts;

    public ReadOnlySpan<int> SplitFeatures => _splitFeatures;

    public ReadOnlySpan<float> Thresholds => _thresholds;

    /// <summary>Tree-local: <c>&gt;= 0</c> a node of the same tree, <c>&lt; 0</c> leaf <c>~c</c> of the same tree.</summary>
    public ReadOnlySpan<int> LeftChildren => _leftChildren;

    /// <summary>Tree-local, like <see cref="LeftChildren"/>.</summary>
    public ReadOnlySpan<int> RightChildren => _rightChildren;

    public ReadOnlySpan<double> LeafValues => _leafValues;

    /// <summary>Scores one row of exactly <see cref="FeatureCount"/> features. Allocates nothing.</summary>
    public float Score(ReadOnlySpan<float> features)
    {
        if (features.Length != _featureNames.Count)
        {
            ThrowRowLength(features.Length);
        }

        return ScoreRow(ref MemoryMarshal.GetReference(features));
    }

    /// <summary>
    /// Scores <paramref name="rowCount"/> rows laid out one after another (<see cref="FeatureCount"/> floats each)
    /// into the first <paramref name="rowCount"/> entries of <paramref name="scores"/>. Longer buffers are fine
    /// (pooled scratch); the extra entries are neither read nor written. Allocates nothing.
    /// </summary>
    public void Score(ReadOnlySpan<float> rowMajorFeatures, int rowCount, Span<float> scores)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        var featureCount = _featureNames.Count;
        if ((long)rowCount * featureCount > rowMajorFeatures.Length)
        {
            throw new ArgumentException(
                $"{rowCount} rows of {featureCount} features need {(long)rowCount * featureCount} floats, got {rowMajorFeatures.Length}.",
                nameof(rowMajorFeatures));
        }

        if (scores.Length < rowCount)
        {
            throw new ArgumentException($"{rowCount} rows need {rowCount} scores, got room for {scores.Length}.", nameof(scores));
        }

        ref var row = ref MemoryMarshal.GetReference(rowMajorFeatures);
        for (var r = 0; r < rowCount; r++)
        {
            scores[r] = ScoreRow(ref Unsafe.Add(ref row, (nint)r * featureCount));
        }
    }

    /// <summary>
    /// Each tree's own output for one row (the leaf value it lands on), in tree order, into the first
    /// <see cref="TreeCount"/> entries of <paramref name="treeOutputs"/>. For explanations and for choosing
    /// how many trees to keep; the score is <c>(float)(Bias + sum of these, in order)</c>.
    /// </summary>
    public void ScoreEachTree(ReadOnlySpan<float> features, Span<double> treeOutputs)
    {
        if (features.Length != _featureNames.Count)
        {
            ThrowRowLength(features.Length);
        }

        if (treeOutputs.Length < _roots.Length)
        {
            throw new ArgumentException($"{_roots.Length} trees need {_roots.Length} outputs, got room for {treeOutputs.Length}.", nameof(treeOutputs));
        }

        for (var t = 0; t < _roots.Length; t++)
        {
            var n = _roots[t];
            while (n >= 0)
            {
                var node = _nodes[n];
                n = features[node.Feature] <= node.Threshold ? node.Left : node.Right;
            }

            treeOutputs[t] = _leafValues[~n];
        }
    }

    /// <summary>A model with only the first <paramref name="treeCount"/> trees (boosting's prefix is itself a model).</summary>
    public TreeEnsembleModel TakeTrees(int treeCount, string? version = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(treeCount, TreeCount);
        var nodeCounts = new int[treeCount];
        for (var t = 0; t < treeCount; t++)
        {
            nodeCounts[t] = _treeNodeStarts[t + 1] - _treeNodeStarts[t];
        }

        var nodes = _treeNodeStarts[treeCount];
        var leaves = _treeLeafStarts[treeCount];
        return new TreeEnsembleModel(
            version ?? Version, _featureNames, Bias, nodeCounts, _splitFeatures.AsSpan(0, nodes), _thresholds.AsSpan(0, nodes),
            _leftChildren.AsSpan(0, nodes), _rightChildren.AsSpan(0, nodes), _leafValues.AsSpan(0, leaves));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float ScoreRow(ref float row)
    {
        // Construction proved every node's feature < FeatureCount, every child in range and every descent
        // finite; callers proved the row holds FeatureCount floats. So the loop skips bounds checks.
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var leaves = ref MemoryMarshal.GetArrayDataReference(_leafValues);
        var roots = _roots;
        double sum = Bias;
        for (var t = 0; t < roots.Length; t++)
        {
            var n = roots[t];
            while (n >= 0)
            {
                ref readonly var node = ref Unsafe.Add(ref nodes, n);
                n = Unsafe.Add(ref row, node.Feature) <= node.Threshold ? node.Left : node.Right;
            }

            sum += Unsafe.Add(ref leaves, ~n);
        }

        return (float)sum;
    }

    private static int ToGlobal(int child, int nodeStart, int leafStart) =>
        child >= 0 ? nodeStart + child : ~(leafStart + ~child);

    private void ThrowRowLength(int length) =>
        throw new ArgumentException($"The model expects rows of {_featureNames.Count} features, got {length}.", "features");
}
