namespace Streaming.TasteStore.Tests;

public class TasteKeysTests
{
    [Fact]
    public void UserKeys_ShareOneHashTag()
    {
        var keys = new TasteKeys("p:", 16);
        var tags = keys.AllOfUser("user-1").Select(k => HashTag(k.ToString())).Distinct().ToArray();

        Assert.Equal(["u:user-1"], tags);
    }

    [Fact]
    public void TrendingShards_EachItsOwnTag()
    {
        var keys = new TasteKeys("", 8);
        var tags = Enumerable.Range(0, 8).Select(s => HashTag(keys.Trending(s).ToString())).Distinct().Count();

        Assert.Equal(8, tags);
        Assert.InRange(keys.TrendingShardOf("4uLU6hMCjMI75M1A2tKUQC"), 0, 7);
        Assert.Equal(keys.TrendingShardOf("abc"), new TasteKeys("x", 8).TrendingShardOf("abc"));
    }

    private static string HashTag(string key)
    {
        var open = key.IndexOf('{');
        var close = key.IndexOf('}', open + 1);
        return key[(open + 1)..close];
    }
}
