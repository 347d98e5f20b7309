namespace Streaming.Ranking;

/// <summary>
/// Collects trees one at a time (each in the tree-local form of <see cref="TreeEnsembleModel"/>) and builds
/// the model. Not thread-safe; <see cref="Build"/> validates everything and may be called more than once.
/// </summary>
public sealed class TreeEnsembleBuilder
{
    private readonly List<int> _nodeCounts = [];
    private readonly List<int> _splitFeatures = [];
    private readonly List<float> _thresholds = [];
    private readonly List<int> _left = [];
    private readonly List<int> _right = [];
    private readonly List<double> _leafValues = [];

    public int TreeCount => _nodeCounts.Count;

    /// <summary>
    /// Appends a tree with N internal nodes (node 0 the root) and N + 1 leaves. A single-leaf tree has
    /// empty node spans and one leaf value.
    /// </summary>
    public TreeEnsembleBuilder AddTree(
        ReadOnlySpan<int> splitFeatures,
        ReadOnlySpan<float> thresholds,
        ReadOnlySpan<int> leftChildren,
        ReadOnlySpan<int> rightChildren,
        ReadOnlySpan<double> leafValues)
    {
        var nodes = splitFeatures.Length;
        if (thresholds.Length != nodes || leftChildren.Length != nodes || rightChildren.Length != nodes)
        {
            throw new ArgumentException(
                $"Tree {TreeCount}: node arrays differ in length ({nodes}/{thresholds.Length}/{leftChildren.Length}/{rightChildren.Length}).");
        }

        if (leafValues.Length != nodes + 1)
        {
            throw new ArgumentException(
                $"Tree {TreeCount}: {nodes} internal nodes need {nodes + 1} leaf values, got {leafValues.Length}.", nameof(leafValues));
        }

        _nodeCounts.Add(nodes);
        _splitFeatures.AddRange(splitFeatures);
        _thresholds.AddRange(thresholds);
        _left.AddRange(leftChildren);
        _right.AddRange(rightChildren);
        _leafValues.AddRange(leafValues);
        return this;
    }

    public TreeEnsembleModel Build(string version, IReadOnlyList<string> featureNames, float bias = 0f) =>
        new(
            version,
            featureNames,
            bias,
            _nodeCounts.ToArray(),
            _splitFeatures.ToArray(),
            _thresholds.ToArray(),
            _left.ToArray(),
            _right.ToArray(),
            _leafValues.ToArray());
}
