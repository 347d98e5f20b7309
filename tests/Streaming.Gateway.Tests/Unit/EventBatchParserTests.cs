using System.Text;
using Streaming.Gateway.Api;
using Streaming.Gateway.Validation;

namespace Streaming.Gateway.Tests.Unit;

public sealed class EventBatchParserTests
{
    private const string Event =
        """{"eventId":"e","userId":"u","trackId":"4uLU6hMCjMI75M1A2tKUQC","sessionId":"s","kind":"like","occurredAt":"2025-06-01T12:00:00Z"}""";

    private static (bool Ok, ParsedBatch Batch, MalformedBody? Malformed) Parse(string json)
    {
        var ok = EventBatchParser.TryParse(Encoding.UTF8.GetBytes(json), out var batch, out var malformed);
        return (ok, batch, malformed);
    }

    [Fact]
    public void TryParse_WellTypedBatch_AllEventsNoRejections()
    {
        var (ok, batch, _) = Parse($$"""{"events":[{{Event}},{{Event}}]}""");
        Assert.True(ok);
        Assert.Equal(2, batch.Events.Count);
        Assert.All(batch.Events, e => Assert.Equal("u", e!.UserId));
        Assert.Empty(batch.Rejections);
    }

    [Fact]
    public void TryParse_SyntaxError_MalformedWithPosition()
    {
        var (ok, _, malformed) = Parse("{\"events\":[\n{\"eventId\": }]}");
        Assert.False(ok);
        Assert.Equal(1, malformed!.LineNumber);
        Assert.Equal(12, malformed.BytePositionInLine);
        Assert.Contains("Invalid JSON", malformed.Detail);
    }

    [Theory]
    [InlineData("[]", "JSON object")]
    [InlineData("null", "JSON object")]
    [InlineData("{}", "'events' is required")]
    [InlineData("""{"events":null}""", "'events' is required")]
    [InlineData("""{"events":{}}""", "'events' is required")]
    [InlineData("""{"events":[]}""", "at least one")]
    [InlineData("""{"events":[],"extra":1}""", "Unknown property 'extra'")]
    [InlineData("""{"events":[],"events":[]}""", "more than once")]
    public void TryParse_NotABatch_Malformed(string json, string expected)
    {
        var (ok, _, malformed) = Parse(json);
        Assert.False(ok);
        Assert.Contains(expected, malformed!.Detail);
    }

    [Fact]
    public void TryParse_Over500Events_Malformed()
    {
        var json = "{\"events\":[" + string.Join(',', Enumerable.Repeat(Event, EventLimits.MaxBatchSize + 1)) + "]}";
        var (ok, _, malformed) = Parse(json);
        Assert.False(ok);
        Assert.Contains("at most 500", malformed!.Detail);
        Assert.True(Parse("{\"events\":[" + string.Join(',', Enumerable.Repeat(Event, EventLimits.MaxBatchSize)) + "]}").Ok);
    }

    [Fact]
    public void TryParse_WrongTypesInSomeEvents_RejectsThoseEventsOnly()
    {
        var badMsPlayed = Event.Replace("}", ",\"msPlayed\":\"12\"}");
        var badContext = Event.Replace("}", ",\"context\":{\"type\":7}}");
        var duplicate = Event.Replace("}", ",\"kind\":\"save\"}");
        var (ok, batch, _) = Parse($$"""{"events":[{{Event}},{{badMsPlayed}},42,{{badContext}},{{duplicate}},null]}""");
        Assert.True(ok);
        Assert.Equal(6, batch.Events.Count);
        Assert.NotNull(batch.Events[0]);
        Assert.Equal(
            [(1, "msPlayed"), (2, "event"), (3, "context.type"), (4, "kind"), (5, "event")],
            batch.Rejections.Select(r => (r.Index, r.Field)).ToArray());
        Assert.All(batch.Rejections, r => Assert.Equal(RejectionReasons.InvalidType, r.Reason));
        Assert.All(batch.Rejections, r => Assert.Null(batch.Events[r.Index]));
    }

    [Fact]
    public void TryParse_NullEventOnFastPath_RejectedAsEvent()
    {
        var (ok, batch, _) = Parse($$"""{"events":[{{Event}},null]}""");
        Assert.True(ok);
        var rejection = Assert.Single(batch.Rejections);
        Assert.Equal((1, "event"), (rejection.Index, rejection.Field));
    }

    [Fact]
    public void TryParse_UnknownEventProperty_KeptForValidator()
    {
        var (ok, batch, _) = Parse($$"""{"events":[{{Event.Replace("}", ",\"EventId\":\"x\"}")}}]}""");
        Assert.True(ok);
        Assert.Empty(batch.Rejections);
        Assert.Equal(["EventId"], batch.Events[0]!.UnknownFields!.Keys);
    }
}
