using System.Text;
using Streaming.Catalog.Additions;
using Streaming.Catalog.Core;

namespace Streaming.Catalog.Tests;

public class AddTracksValidationTests
{
    [Fact]
    public void Validate_EachBadTrack_NamesFieldAndReason()
    {
        var nameId = TrackIdentity.FromNames("Sabrina Carpenter", "Espresso");
        var rejected = Validate($$"""
            {"tracks": [
              {"id": "2qSkIjg1o9h3YT9RAgYN75", "artist": "Sabrina Carpenter", "title": "Espresso"},
              {"id": "not-an-id", "artist": "a", "title": "t"},
              {"id": "2qSkIjg1o9h3YT9RAgYN76", "title": "t"},
              {"id": "2qSkIjg1o9h3YT9RAgYN77", "artist": "a", "title": "   "},
              {"id": "2qSkIjg1o9h3YT9RAgYN78", "artist": "a", "title": "t", "bpm": 120},
              {"id": "2qSkIjg1o9h3YT9RAgYN79", "artist": "a", "title": "t", "album": "{{new string('x', TrackAdditionLimits.MaxNameLength + 1)}}"},
              {"id": "{{nameId}}", "artist": "Sabrina Carpenter", "title": "Please Please Please"},
              {"id": "2qSkIjg1o9h3YT9RAgYN75", "artist": "Sabrina Carpenter", "title": "Espresso"},
              {"artist": "a", "title": "t"},
              7
            ]}
            """, out var valid);

        Assert.Single(valid);
        Assert.Equal(
            [
                (1, "id", TrackRejectionReasons.InvalidTrackId),
                (2, "artist", TrackRejectionReasons.Required),
                (3, "title", TrackRejectionReasons.Required),
                (4, "bpm", TrackRejectionReasons.UnknownField),
                (5, "album", TrackRejectionReasons.TooLong),
                (6, "id", TrackRejectionReasons.NameIdMismatch),
                (7, "id", TrackRejectionReasons.DuplicateId),
                (8, "id", TrackRejectionReasons.Required),
                (9, "track", TrackRejectionReasons.InvalidType),
            ],
            rejected.Select(r => (r.Index, r.Field, r.Reason)));
        Assert.Equal("not-an-id", rejected[0].Id);
    }

    [Fact]
    public void Validate_WrongTypeInOneTrack_OnlyThatTrackRejected()
    {
        var rejected = Validate("""
            {"tracks": [
              {"id": "2qSkIjg1o9h3YT9RAgYN75", "artist": "Sabrina Carpenter", "title": "Espresso"},
              {"id": "2qSkIjg1o9h3YT9RAgYN76", "artist": 42, "title": "t"}
            ]}
            """, out var valid);

        Assert.Single(valid);
        var rejection = Assert.Single(rejected);
        Assert.Equal((1, "artist", TrackRejectionReasons.InvalidType, "2qSkIjg1o9h3YT9RAgYN76"), (rejection.Index, rejection.Field, rejection.Reason, rejection.Id));
    }

    [Theory]
    [InlineData("""{"tracks": []}""", "$.tracks")]
    [InlineData("""{"track": []}""", "$.track")]
    [InlineData("""[]""", "$")]
    [InlineData("""{"tracks": {}}""", "$.tracks")]
    public void TryParse_NotABatch_Malformed(string body, string path)
    {
        Assert.False(AddTracksParser.TryParse(Encoding.UTF8.GetBytes(body), out _, out var malformed));
        Assert.Equal(path, malformed!.Path);
    }

    [Fact]
    public void TryParse_BrokenJson_MalformedWithPosition()
    {
        Assert.False(AddTracksParser.TryParse(Encoding.UTF8.GetBytes("{\"tracks\": [\n  {\"id\": }]}"), out _, out var malformed));
        Assert.Equal(1, malformed!.LineNumber);
        Assert.NotNull(malformed.BytePositionInLine);
    }

    [Fact]
    public void TryParse_MoreThanTheLimit_Malformed()
    {
        var tracks = string.Join(",", Enumerable.Repeat("""{"id":"2qSkIjg1o9h3YT9RAgYN75","artist":"a","title":"t"}""", TrackAdditionLimits.MaxTracksPerRequest + 1));

        Assert.False(AddTracksParser.TryParse(Encoding.UTF8.GetBytes($$"""{"tracks":[{{tracks}}]}"""), out _, out var malformed));
        Assert.Contains("at most", malformed!.Detail);
    }

    private static List<TrackRejection> Validate(string body, out List<CatalogTrack> valid)
    {
        Assert.True(AddTracksParser.TryParse(Encoding.UTF8.GetBytes(body), out var parsed, out var malformed), malformed?.Detail);
        return NewTrackValidator.Validate(parsed, out valid);
    }
}
