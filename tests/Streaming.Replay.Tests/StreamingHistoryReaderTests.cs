using System.Text;
using Streaming.Replay.Sources;

namespace Streaming.Replay.Tests;

public sealed class StreamingHistoryReaderTests
{
    private static IReadOnlyList<StreamingHistoryRow> Parse(string json) =>
        StreamingHistoryReader.Parse(Encoding.UTF8.GetBytes(json), "StreamingHistory0.json");

    [Fact]
    public void Parse_ValidExport_ReadsRowsAsUtc()
    {
        var rows = Parse("""
            [
              {"endTime": "2024-04-16 18:57", "artistName": "Rigoberta Bandini", "trackName": "Too Many Drugs", "msPlayed": 272360},
              {"endTime": "2024-04-17 09:32", "artistName": "Rigoberta Bandini", "trackName": "Too Many Drugs", "msPlayed": 966}
            ]
            """);

        Assert.Equal(2, rows.Count);
        Assert.Equal(new DateTimeOffset(2024, 4, 16, 18, 57, 0, TimeSpan.Zero), rows[0].EndTime);
        Assert.Equal("Too Many Drugs", rows[1].Track);
        Assert.Equal(966, rows[1].MsPlayed);
    }

    [Fact]
    public void Parse_ByteOrderMark_Accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("[]")).ToArray();
        Assert.Empty(StreamingHistoryReader.Parse(bytes, "x.json"));
    }

    [Fact]
    public void Parse_TruncatedJson_NamesFileAndLine()
    {
        var e = Assert.Throws<SourceFormatException>(() => Parse("[\n  {\"endTime\": \"2024-04-16 18:57\",\n  \"artistName\": "));

        Assert.Equal("StreamingHistory0.json", e.File);
        Assert.StartsWith("line 3", e.Position);
        Assert.Contains("StreamingHistory0.json: line 3", e.Message);
    }

    [Fact]
    public void Parse_ObjectInsteadOfArray_Throws()
    {
        var e = Assert.Throws<SourceFormatException>(() => Parse("""{"endTime": "2024-04-16 18:57"}"""));
        Assert.Contains("not a JSON array of plays", e.Message);
    }

    [Fact]
    public void Parse_NullDocument_Throws() =>
        Assert.Throws<SourceFormatException>(() => Parse("null"));

    [Fact]
    public void Parse_MsPlayedAsText_NamesPath()
    {
        var e = Assert.Throws<SourceFormatException>(() => Parse("""[{"endTime": "2024-04-16 18:57", "artistName": "a", "trackName": "t", "msPlayed": "12"}]"""));
        Assert.Contains("msPlayed", e.Position);
    }

    [Theory]
    [InlineData("""[{"artistName": "a", "trackName": "t", "msPlayed": 1}]""", "has no endTime")]
    [InlineData("""[{"endTime": "16/04/2024 18:57", "artistName": "a", "trackName": "t", "msPlayed": 1}]""", "expected yyyy-MM-dd HH:mm")]
    [InlineData("""[{"endTime": "2024-04-16 18:57", "trackName": "t", "msPlayed": 1}]""", "has no artistName")]
    [InlineData("""[{"endTime": "2024-04-16 18:57", "artistName": "a", "msPlayed": 1}]""", "has no trackName")]
    [InlineData("""[{"endTime": "2024-04-16 18:57", "artistName": "a", "trackName": "t"}]""", "has no msPlayed")]
    [InlineData("""[{"endTime": "2024-04-16 18:57", "artistName": "a", "trackName": "t", "msPlayed": -5}]""", "negative msPlayed")]
    public void Parse_InvalidPlay_NamesItemAndProblem(string json, string problem)
    {
        var e = Assert.Throws<SourceFormatException>(() => Parse(json));

        Assert.Equal("item 0", e.Position);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Parse_NullItem_NamesItsIndex()
    {
        var e = Assert.Throws<SourceFormatException>(() => Parse("""[{"endTime": "2024-04-16 18:57", "artistName": "a", "trackName": "t", "msPlayed": 1}, null]"""));
        Assert.Equal("item 1", e.Position);
    }
}
