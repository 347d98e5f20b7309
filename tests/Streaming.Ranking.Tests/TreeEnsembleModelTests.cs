using Streaming.Ranking;

namespace Streaming.Ranking.Tests;

public sealed class TreeEnsembleModelTests
{
    [Theory]
    [InlineData(0.5f, 2f, 21.75f)] // a == threshold goes left (1); b = 2 > -1 (20); + 0.25 + 0.5
    [InlineData(0.6f, 2f, 22.75f)] // a > 0.5, then b == 2 goes left (2)
    [InlineData(0.6f, 2.5f, 23.75f)] // a > 0.5, b > 2 (3)
    [InlineData(0f, -1f, 11.75f)] // b == -1 goes left (10)
    [InlineData(float.NegativeInfinity, float.PositiveInfinity, 21.75f)]
    public void Score_TinyEnsemble_HandComputedValues(float a, float b, float expected)
    {
        var model = TinyEnsemble.Build();

        Assert.Equal(expected, model.Score([a, b]));
    }

    [Fact]
    public void Score_NaNFeature_GoesRightAtEverySplit()
    {
        var model = TinyEnsemble.Build();

        // NaN <= t is false: tree 0 goes right twice (3), tree 1 right (20).
        Assert.Equal(23.75f, model.Score([float.NaN, float.NaN]));
        Assert.Equal(21.75f, model.Score([0f, float.NaN]));
    }

    [Fact]
    public void Score_ManyRows_MatchesOneRowAtATime()
    {
        var model = TinyEnsemble.Build();
        float[] rows = [0.5f, 2f, 0.6f, 2f, 0.6f, 2.5f, 0f, -1f, float.NaN, 3f];
        var scores = new float[7];
        scores.AsSpan().Fill(-99f);

        model.Score(rows, 5, scores);

        Assert.Equal([21.75f, 22.75f, 23.75f, 11.75f, 23.75f, -99f, -99f], scores);
    }

    [Fact]
    public void Score_SteadyState_AllocatesNothing()
    {
        var model = TinyEnsemble.Build();
        float[] row = [0.6f, 2.5f];
        var rows = new float[200 * 2];
        var scores = new float[200];
        model.Score(row);
        model.Score(rows, 200, scores);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = 0f;
        for (var i = 0; i < 1000; i++)
        {
            sum += model.Score(row);
            model.Score(rows, 200, scores);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(23750f, sum, 1e-2f);
    }

    [Fact]
    public void Score_WrongRowLength_Throws()
    {
        var model = TinyEnsemble.Build();

        Assert.Throws<ArgumentException>(() => model.Score([1f]));
        Assert.Throws<ArgumentException>(() => model.Score(new float[3], 2, new float[2]));
        Assert.Throws<ArgumentException>(() => model.Score(new float[4], 2, new float[1]));
    }

    [Fact]
    public void ScoreEachTree_TinyEnsemble_LeafOfEachTree()
    {
        var model = TinyEnsemble.Build();
        var outputs = new double[3];

        model.ScoreEachTree([0.6f, 2f], outputs);

        Assert.Equal([2.0, 20.0, 0.25], outputs);
    }

    [Fact]
    public void TakeTrees_FirstTwo_DropsTheLastTree()
    {
        var prefix = TinyEnsemble.Build().TakeTrees(2);

        Assert.Equal(2, prefix.TreeCount);
        Assert.Equal(21.5f, prefix.Score([0.5f, 2f]));
    }

    [Fact]
    public void Constructor_FlatArrays_ExposesTreeRanges()
    {
        var model = TinyEnsemble.Build();

        Assert.Equal("tiny-1", model.Version);
        Assert.Equal(["a", "b"], model.FeatureNames);
        Assert.Equal([0, 2, 3, 3], model.TreeNodeStarts.ToArray());
        Assert.Equal([0, 3, 5, 6], model.TreeLeafStarts.ToArray());
        Assert.Equal(3, model.NodeCount);
        Assert.Equal(6, model.LeafCount);
    }

    [Theory]
    [InlineData(new[] { 0, 1 }, new[] { ~0, 5 }, new[] { 1, ~2 }, "out of range")] // node child past the tree
    [InlineData(new[] { 0, 1 }, new[] { ~0, ~7 }, new[] { 1, ~2 }, "out of range")] // leaf child past the tree
    [InlineData(new[] { 0, 2 }, new[] { ~0, ~1 }, new[] { 1, ~2 }, "feature index 2")] // feature >= count
    [InlineData(new[] { 0, 1 }, new[] { ~0, 1 }, new[] { 1, ~2 }, "reached twice")] // node 1 loops to itself
    [InlineData(new[] { 0, 1 }, new[] { ~0, 0 }, new[] { 1, ~2 }, "back to the root")]
    [InlineData(new[] { 0, 1 }, new[] { ~0, ~0 }, new[] { 1, ~2 }, "leaf 0 is reached twice")]
    [InlineData(new[] { 0, 1 }, new[] { ~0, ~1 }, new[] { ~2, 1 }, "cannot be reached")] // node 1 detached, loops on itself
    public void Constructor_InvalidTree_ThrowsWithReason(int[] features, int[] left, int[] right, string reason)
    {
        var e = Assert.Throws<ArgumentException>(() => new TreeEnsembleModel(
            "bad", TinyEnsemble.FeatureNames, 0f, [2], features, [0.5f, 2f], left, right, [1.0, 2.0, 3.0]));

        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Constructor_InconsistentCountsOrValues_Throws()
    {
        Assert.Throws<ArgumentException>(() => new TreeEnsembleModel("v", ["a"], 0f, [1], [0], [0f], [~0], [~1], [1.0]));
        Assert.Throws<ArgumentException>(() => new TreeEnsembleModel("v", ["a"], 0f, [1], [0], [float.NaN], [~0], [~1], [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => new TreeEnsembleModel("v", ["a"], 0f, [1], [0], [0f], [~0], [~1], [1.0, double.NaN]));
        Assert.Throws<ArgumentException>(() => new TreeEnsembleModel("v", ["a", "a"], 0f, [0], [], [], [], [], [1.0]));
        Assert.Throws<ArgumentException>(() => new TreeEnsembleModel("v", ["a"], float.PositiveInfinity, [0], [], [], [], [], [1.0]));
    }
}
