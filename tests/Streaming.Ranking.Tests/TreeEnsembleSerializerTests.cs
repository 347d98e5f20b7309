using System.Buffers.Binary;
using System.Text;
using Streaming.Ranking;

namespace Streaming.Ranking.Tests;

public sealed class TreeEnsembleSerializerTests
{
    private static readonly float[][] Probes =
    [
        [0.5f, 2f], [0.6f, 2f], [0.6f, 2.5f], [0f, -1f], [float.NaN, 3f], [-7f, float.NaN],
    ];

    [Fact]
    public void WriteRead_TinyEnsemble_RoundTripsEverything()
    {
        var model = TinyEnsemble.Build();

        var bytes = TreeEnsembleSerializer.ToBytes(model);
        var copy = TreeEnsembleSerializer.FromBytes(bytes);

        Assert.Equal(model.Version, copy.Version);
        Assert.Equal(model.FeatureNames, copy.FeatureNames);
        Assert.Equal(model.Bias, copy.Bias);
        Assert.Equal(model.TreeNodeStarts.ToArray(), copy.TreeNodeStarts.ToArray());
        Assert.Equal(model.SplitFeatures.ToArray(), copy.SplitFeatures.ToArray());
        Assert.Equal(model.Thresholds.ToArray(), copy.Thresholds.ToArray());
        Assert.Equal(model.LeftChildren.ToArray(), copy.LeftChildren.ToArray());
        Assert.Equal(model.RightChildren.ToArray(), copy.RightChildren.ToArray());
        Assert.Equal(model.LeafValues.ToArray(), copy.LeafValues.ToArray());
        foreach (var probe in Probes)
        {
            Assert.Equal(model.Score(probe), copy.Score(probe));
        }

        Assert.Equal(bytes, TreeEnsembleSerializer.ToBytes(copy));
    }

    [Fact]
    public void WriteRead_UnicodeNamesAndNoTrees_RoundTrips()
    {
        var model = new TreeEnsembleBuilder().Build("ü-version ✓", ["genre affinité", "日本"], bias: -1.5f);

        var copy = TreeEnsembleSerializer.FromBytes(TreeEnsembleSerializer.ToBytes(model));

        Assert.Equal("ü-version ✓", copy.Version);
        Assert.Equal(["genre affinité", "日本"], copy.FeatureNames);
        Assert.Equal(0, copy.TreeCount);
        Assert.Equal(-1.5f, copy.Score([1f, 2f]));
    }

    [Fact]
    public void Read_ModelInsideLargerStream_ConsumesExactlyItsOwnBytes()
    {
        var stream = new MemoryStream();
        stream.Write("HEAD"u8);
        TreeEnsembleSerializer.Write(stream, TinyEnsemble.Build());
        var end = stream.Position;
        stream.Write("TAIL"u8);
        stream.Position = 4;

        var model = TreeEnsembleSerializer.Read(stream);

        Assert.Equal(end, stream.Position);
        var tail = new byte[4];
        stream.ReadExactly(tail);
        Assert.Equal("TAIL", Encoding.ASCII.GetString(tail));
        Assert.Equal(21.75f, model.Score([0.5f, 2f]));
    }

    [Fact]
    public void Read_OneByteAtATimeStream_ReadsTheWholeModel()
    {
        var bytes = TreeEnsembleSerializer.ToBytes(TinyEnsemble.Build());
        var inner = new MemoryStream([.. bytes, .. "TAIL"u8]);

        var model = TreeEnsembleSerializer.Read(new TrickleStream(inner));

        Assert.Equal(bytes.Length, inner.Position);
        Assert.Equal(23.75f, model.Score([0.6f, 2.5f]));
    }

    [Fact]
    public void Read_EveryTruncation_ThrowsFormatExceptionNamingTruncation()
    {
        var bytes = TreeEnsembleSerializer.ToBytes(TinyEnsemble.Build());

        for (var length = 0; length < bytes.Length; length++)
        {
            var e = Assert.Throws<FormatException>(() => TreeEnsembleSerializer.Read(new MemoryStream(bytes, 0, length)));
            Assert.Contains("Truncated", e.Message);
        }
    }

    [Fact]
    public void Read_BadMagic_ThrowsFormatException()
    {
        var bytes = TreeEnsembleSerializer.ToBytes(TinyEnsemble.Build());
        bytes[0] = (byte)'X';

        var e = Assert.Throws<FormatException>(() => TreeEnsembleSerializer.FromBytes(bytes));

        Assert.Contains("magic", e.Message);
    }

    [Fact]
    public void Read_NewerFormatVersion_ThrowsFormatException()
    {
        var bytes = TreeEnsembleSerializer.ToBytes(TinyEnsemble.Build());
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), 2);

        var e = Assert.Throws<FormatException>(() => TreeEnsembleSerializer.FromBytes(bytes));

        Assert.Contains("format version 2", e.Message);
    }

    [Fact]
    public void Read_HugePayloadLength_ThrowsBeforeAllocating()
    {
        var bytes = TreeEnsembleSerializer.ToBytes(TinyEnsemble.Build());
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), int.MaxValue);

        var e = Assert.Throws<FormatException>(() => TreeEnsembleSerializer.FromBytes(bytes));

        Assert.Contains("payload length", e.Message);
    }

    [Fact]
    public void Read_FlippedPayloadByte_ThrowsChecksumMismatch()
    {
        var bytes = TreeEnsembleSerializer.ToBytes(TinyEnsemble.Build());
        bytes[^3] ^= 0x40; // inside the last leaf value

        var e = Assert.Throws<FormatException>(() => TreeEnsembleSerializer.FromBytes(bytes));

        Assert.Contains("checksum", e.Message);
    }

    [Fact]
    public void FromBytes_TrailingBytes_ThrowsFormatException()
    {
        byte[] bytes = [.. TreeEnsembleSerializer.ToBytes(TinyEnsemble.Build()), 0];

        Assert.Throws<FormatException>(() => TreeEnsembleSerializer.FromBytes(bytes));
    }

    // Corrupt structures need a valid checksum to get past it, so they are written by the raw writer.
    [Theory]
    [InlineData(new[] { 0, 1 }, new[] { ~0, 9 }, new[] { 1, ~2 }, "left child 9 is out of range")]
    [InlineData(new[] { 0, 1 }, new[] { ~0, ~1 }, new[] { 1, ~5 }, "right child ~5 is out of range")]
    [InlineData(new[] { 0, 2 }, new[] { ~0, ~1 }, new[] { 1, ~2 }, "feature index 2 is outside 0..1")]
    [InlineData(new[] { -1, 1 }, new[] { ~0, ~1 }, new[] { 1, ~2 }, "feature index -1")]
    [InlineData(new[] { 0, 1 }, new[] { ~0, ~1 }, new[] { 1, 1 }, "reached twice")]
    public void Read_CorruptTree_ThrowsFormatExceptionWithReason(int[] features, int[] left, int[] right, string reason)
    {
        var stream = new MemoryStream();
        TreeEnsembleSerializer.WriteRaw(stream, "bad", TinyEnsemble.FeatureNames, 0f, [2], features, [0.5f, 2f], left, right, [1.0, 2.0, 3.0]);

        var e = Assert.Throws<FormatException>(() => TreeEnsembleSerializer.FromBytes(stream.ToArray()));

        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Read_NodeCountDisagreesWithArrays_ThrowsFormatException()
    {
        var stream = new MemoryStream();
        TreeEnsembleSerializer.WriteRaw(stream, "bad", TinyEnsemble.FeatureNames, 0f, [5], [0, 1], [0.5f, 2f], [~0, ~1], [1, ~2], [1.0, 2.0, 3.0]);

        var e = Assert.Throws<FormatException>(() => TreeEnsembleSerializer.FromBytes(stream.ToArray()));

        Assert.Contains("need", e.Message);
    }
}
