using Streaming.TasteMath;

namespace Streaming.TasteStore.Tests;

public class VectorBlobTests
{
    [Fact]
    public void Write_Read_RoundTripsExactly()
    {
        var v = new DecayedVector("space-20-characters_", [0.25f, -1.5f, 3.75f, float.Epsilon], 1_740_000_000_123, 2.5f);

        var read = VectorBlob.Read(VectorBlob.Write(v));

        Assert.Equal(v.SpaceId, read.SpaceId);
        Assert.Equal(v.Sum, read.Sum);
        Assert.Equal(v.ReferenceTimeMs, read.ReferenceTimeMs);
        Assert.Equal(v.Mass, read.Mass);
    }

    [Fact]
    public void Write_64Dimensions_292Bytes()
    {
        Assert.Equal(292, VectorBlob.Write(new DecayedVector("space-20-characters_", 64)).Length);
    }

    [Fact]
    public void Read_Truncated_Throws()
    {
        var blob = VectorBlob.Write(new DecayedVector("s", 8));
        Assert.Throws<FormatException>(() => VectorBlob.Read(blob.AsSpan(0, blob.Length - 1)));
    }

    [Fact]
    public void WriteCompact_Read_WithinHalfPrecisionOfTheLargestComponent()
    {
        var sum = Enumerable.Range(0, 64).Select(i => (float)(Math.Sin(i) * 40)).ToArray();
        var v = new DecayedVector("space-20-characters_", sum, 1_740_000_000_123, 2.5f);

        var blob = VectorBlob.WriteCompact(v);
        var read = VectorBlob.Read(blob);

        Assert.Equal(168, blob.Length);
        Assert.Equal((v.SpaceId, v.ReferenceTimeMs, v.Mass), (read.SpaceId, read.ReferenceTimeMs, read.Mass));
        var largest = sum.Max(Math.Abs);
        Assert.All(sum.Zip(read.Sum), p => Assert.InRange(p.Second - p.First, -largest / 2048, largest / 2048));
    }

    [Fact]
    public void WriteCompact_ZeroVector_ReadsZero()
    {
        var read = VectorBlob.Read(VectorBlob.WriteCompact(new DecayedVector("s", [0f, 0f], 1, 0f)));

        Assert.Equal([0f, 0f], read.Sum);
    }
}
