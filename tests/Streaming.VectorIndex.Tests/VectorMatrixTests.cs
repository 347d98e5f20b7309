using Streaming.VectorIndex;

namespace Streaming.VectorIndex.Tests;

public sealed class VectorMatrixTests
{
    [Fact]
    public void Constructor_LengthDisagreesWithShape_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new VectorMatrix(new float[10], 3, 3));
    }

    [Fact]
    public void Row_ReturnsTheRowMajorSlice()
    {
        var matrix = new VectorMatrix([1, 2, 3, 4, 5, 6], 3);

        Assert.Equal(2, matrix.Count);
        Assert.Equal([4f, 5f, 6f], matrix.Row(1).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Row(2).ToArray());
    }

    [Fact]
    public void FromRows_RowOfWrongLength_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => VectorMatrix.FromRows([new float[3], new float[2]], 3));
    }

    [Fact]
    public void NormalizeRows_ScalesToUnitLength()
    {
        var matrix = new VectorMatrix([3, 4, 0, 0], 2);

        matrix.NormalizeRows();

        Assert.Equal([0.6f, 0.8f, 0f, 0f], matrix.Data);
    }
}
