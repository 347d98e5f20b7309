namespace Streaming.TasteMath.Tests;

public sealed class TrackKeyTests
{
    [Theory]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    [InlineData("", 0xcbf29ce484222325UL)]
    public void Of_AsciiId_Fnv1a64OfItsBytes(string id, ulong expected)
    {
        // Published FNV-1a 64 test vectors: the key must never change across versions (it is stored).
        Assert.Equal(expected, TrackKey.Of(id));
    }

    [Fact]
    public void Of_WideCharacter_HighByteHashedToo()
    {
        Assert.NotEqual(TrackKey.Of("A"), TrackKey.Of("\u0141"));
    }

    [Fact]
    public void Of_DistinctIds_DistinctNonZeroKeys()
    {
        var keys = Enumerable.Range(0, 10_000).Select(i => TrackKey.Of($"t{i:D21}")).ToArray();

        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.DoesNotContain(TrackKey.None, keys);
    }

    [Fact]
    public void Of_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TrackKey.Of(null!));
    }

    [Theory]
    [InlineData("4uLU6hMCjMI75M1A2tKUQC")]
    [InlineData("n:abcdefghijklmnopqrstuvwx")]
    [InlineData("caf\u00e9")]
    [InlineData("")]
    public void OfUtf8_BytesOfAnId_SameKeyAsTheString(string id)
    {
        Assert.Equal(TrackKey.Of(id), TrackKey.OfUtf8(System.Text.Encoding.UTF8.GetBytes(id)));
    }
}
