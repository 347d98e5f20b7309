using System.Text.Json;
using Streaming.Contracts.Events;
using Streaming.Gateway;
using Streaming.Gateway.Api;
using Streaming.Gateway.Validation;

namespace Streaming.Gateway.Tests.Unit;

public sealed class ListeningEventValidatorTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly GatewayOptions Options = new();
    private static readonly EventTimeWindow UserWindow = EventTimeWindow.For(service: false, Now, Options);
    private static readonly EventTimeWindow ServiceWindow = EventTimeWindow.For(service: true, Now, Options);

    private static ListeningEventDto Valid() => new()
    {
        EventId = "ev-1",
        UserId = "alice",
        TrackId = "4uLU6hMCjMI75M1A2tKUQC",
        SessionId = "s-1",
        Kind = "play_ended",
        OccurredAt = "2025-06-01T11:59:00Z",
        MsPlayed = 180_000,
        TrackDurationMs = 200_000,
        PrivateSession = true,
        Context = new PlaybackContextDto { Type = "playlist", Id = "37i9dQZF1DXcBWIGoYBM5M" },
    };

    private static FieldError Reject(ListeningEventDto dto, EventTimeWindow? window = null)
    {
        Assert.False(ListeningEventValidator.TryValidate(dto, window ?? UserWindow, out var value, out var error));
        Assert.Null(value);
        return error;
    }

    [Fact]
    public void TryValidate_ValidEvent_MapsEveryField()
    {
        Assert.True(ListeningEventValidator.TryValidate(Valid(), UserWindow, out var e, out _));
        Assert.Equal("ev-1", e.EventId);
        Assert.Equal("alice", e.UserId);
        Assert.Equal("4uLU6hMCjMI75M1A2tKUQC", e.TrackId);
        Assert.Equal("s-1", e.SessionId);
        Assert.Equal(ListeningEventKind.PlayEnded, e.Kind);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 11, 59, 0, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal(180_000, e.MsPlayed);
        Assert.Equal(200_000, e.TrackDurationMs);
        Assert.True(e.PrivateSession);
        Assert.Equal(new PlaybackContext(PlaybackContextType.Playlist, "37i9dQZF1DXcBWIGoYBM5M"), e.Context);
    }

    [Fact]
    public void TryValidate_MinimalLike_DefaultsOptionalFields()
    {
        var dto = new ListeningEventDto
        {
            EventId = "e", UserId = "u", TrackId = "n:abcdefghijklmnopqrstuvwxyz", SessionId = "s", Kind = "like",
            OccurredAt = "2025-06-01T12:00:00+02:00",
        };
        Assert.True(ListeningEventValidator.TryValidate(dto, UserWindow, out var e, out _));
        Assert.Null(e.MsPlayed);
        Assert.False(e.PrivateSession);
        Assert.Equal(PlaybackContext.None, e.Context);
    }

    [Theory]
    [InlineData("eventId")]
    [InlineData("userId")]
    [InlineData("trackId")]
    [InlineData("sessionId")]
    [InlineData("kind")]
    [InlineData("occurredAt")]
    public void TryValidate_RequiredFieldMissing_Required(string field)
    {
        var dto = Valid();
        switch (field)
        {
            case "eventId": dto.EventId = null; break;
            case "userId": dto.UserId = null; break;
            case "trackId": dto.TrackId = null; break;
            case "sessionId": dto.SessionId = null; break;
            case "kind": dto.Kind = null; break;
            case "occurredAt": dto.OccurredAt = null; break;
        }
        var error = Reject(dto);
        Assert.Equal(field, error.Field);
        Assert.Equal(RejectionReasons.Required, error.Reason);
    }

    [Theory]
    [InlineData("eventId", "")]
    [InlineData("eventId", "has space")]
    [InlineData("userId", "ünïcode")]
    [InlineData("userId", "a/b")]
    [InlineData("sessionId", "x\n")]
    public void TryValidate_IdOutsideRule_InvalidId(string field, string value)
    {
        var dto = Valid();
        switch (field)
        {
            case "eventId": dto.EventId = value; break;
            case "userId": dto.UserId = value; break;
            case "sessionId": dto.SessionId = value; break;
        }
        var error = Reject(dto);
        Assert.Equal(field, error.Field);
        Assert.Equal(RejectionReasons.InvalidId, error.Reason);
    }

    [Fact]
    public void TryValidate_IdLengths_128AcceptedAnd129Rejected()
    {
        var dto = Valid();
        dto.EventId = new string('a', 128);
        Assert.True(ListeningEventValidator.TryValidate(dto, UserWindow, out _, out _));
        dto.EventId = new string('a', 129);
        Assert.Equal(RejectionReasons.InvalidId, Reject(dto).Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("spotify:track:4uLU6hMCjMI75M1A2tKUQC")]
    [InlineData("4uLU6hMCjMI75M1A2tKUQ")]
    [InlineData("n:UPPERCASEISNOTBASE32XXXXX")]
    [InlineData("track with spaces")]
    public void TryValidate_TrackIdNotCatalogId_InvalidTrackId(string trackId)
    {
        var dto = Valid();
        dto.TrackId = trackId;
        var error = Reject(dto);
        Assert.Equal("trackId", error.Field);
        Assert.Equal(RejectionReasons.InvalidTrackId, error.Reason);
    }

    [Theory]
    [InlineData("PLAY_ENDED")]
    [InlineData("paused")]
    [InlineData("")]
    public void TryValidate_KindNotInSchema_UnknownKind(string kind)
    {
        var dto = Valid();
        dto.Kind = kind;
        var error = Reject(dto);
        Assert.Equal("kind", error.Field);
        Assert.Equal(RejectionReasons.UnknownKind, error.Reason);
    }

    [Theory]
    [InlineData("2025-06-01T11:00:00")]
    [InlineData("2025-06-01 11:00:00Z")]
    [InlineData("2025-06-01")]
    [InlineData("yesterday")]
    [InlineData("2025-13-01T11:00:00Z")]
    public void TryValidate_OccurredAtNotRfc3339_InvalidTimestamp(string text)
    {
        var dto = Valid();
        dto.OccurredAt = text;
        var error = Reject(dto);
        Assert.Equal("occurredAt", error.Field);
        Assert.Equal(RejectionReasons.InvalidTimestamp, error.Reason);
    }

    [Fact]
    public void TryValidate_OccurredAtBeyondClockSkew_InFutureForEveryToken()
    {
        var dto = Valid();
        dto.OccurredAt = "2025-06-01T12:02:01Z";
        Assert.Equal(RejectionReasons.InFuture, Reject(dto).Reason);
        Assert.Equal(RejectionReasons.InFuture, Reject(dto, ServiceWindow).Reason);
        dto.OccurredAt = "2025-06-01T12:02:00Z";
        Assert.True(ListeningEventValidator.TryValidate(dto, UserWindow, out _, out _));
    }

    [Fact]
    public void TryValidate_ThreeDaysOld_UserTooOldServiceAccepted()
    {
        var dto = Valid();
        dto.OccurredAt = "2025-05-29T12:00:00Z";
        var error = Reject(dto);
        Assert.Equal("occurredAt", error.Field);
        Assert.Equal(RejectionReasons.TooOld, error.Reason);
        Assert.True(ListeningEventValidator.TryValidate(dto, ServiceWindow, out _, out _));
    }

    [Fact]
    public void TryValidate_BeforeUnixEpoch_TooOldEvenForService()
    {
        var dto = Valid();
        dto.OccurredAt = "1969-12-31T23:59:59Z";
        Assert.Equal(RejectionReasons.TooOld, Reject(dto, ServiceWindow).Reason);
    }

    [Theory]
    [InlineData("play_ended")]
    [InlineData("skip")]
    public void TryValidate_PlayEndedOrSkipWithoutMsPlayed_Required(string kind)
    {
        var dto = Valid();
        dto.Kind = kind;
        dto.MsPlayed = null;
        var error = Reject(dto);
        Assert.Equal("msPlayed", error.Field);
        Assert.Equal(RejectionReasons.Required, error.Reason);
    }

    [Theory]
    [InlineData(-1L, 200_000L)]
    [InlineData(205_001L, 200_000L)]
    [InlineData(10_800_001L, null)]
    [InlineData(5_000_000_000L, null)]
    public void TryValidate_MsPlayedOutsideDurationPlusSlack_OutOfRange(long msPlayed, long? duration)
    {
        var dto = Valid();
        dto.MsPlayed = msPlayed;
        dto.TrackDurationMs = duration;
        var error = Reject(dto);
        Assert.Equal("msPlayed", error.Field);
        Assert.Equal(RejectionReasons.OutOfRange, error.Reason);
    }

    [Theory]
    [InlineData(0L, 200_000L)]
    [InlineData(205_000L, 200_000L)]
    [InlineData(10_800_000L, null)]
    public void TryValidate_MsPlayedAtBounds_Accepted(long msPlayed, long? duration)
    {
        var dto = Valid();
        dto.MsPlayed = msPlayed;
        dto.TrackDurationMs = duration;
        Assert.True(ListeningEventValidator.TryValidate(dto, UserWindow, out _, out _));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(10_800_001L)]
    public void TryValidate_TrackDurationOutOfSchemaRange_OutOfRange(long duration)
    {
        var dto = Valid();
        dto.TrackDurationMs = duration;
        var error = Reject(dto);
        Assert.Equal("trackDurationMs", error.Field);
        Assert.Equal(RejectionReasons.OutOfRange, error.Reason);
    }

    [Theory]
    [InlineData("Playlist")]
    [InlineData("podcast")]
    [InlineData("1")]
    public void TryValidate_ContextTypeNotInSchema_UnknownContextType(string type)
    {
        var dto = Valid();
        dto.Context = new PlaybackContextDto { Type = type };
        var error = Reject(dto);
        Assert.Equal("context.type", error.Field);
        Assert.Equal(RejectionReasons.UnknownContextType, error.Reason);
    }

    [Fact]
    public void TryValidate_ContextWithoutType_Required()
    {
        var dto = Valid();
        dto.Context = new PlaybackContextDto { Id = "x" };
        var error = Reject(dto);
        Assert.Equal("context.type", error.Field);
        Assert.Equal(RejectionReasons.Required, error.Reason);
    }

    [Fact]
    public void TryValidate_ContextIdOver128_TooLong()
    {
        var dto = Valid();
        dto.Context = new PlaybackContextDto { Type = "album", Id = new string('x', 129) };
        var error = Reject(dto);
        Assert.Equal("context.id", error.Field);
        Assert.Equal(RejectionReasons.TooLong, error.Reason);
    }

    [Fact]
    public void TryValidate_UnknownProperty_UnknownFieldNamed()
    {
        var dto = Valid();
        dto.UnknownFields = new Dictionary<string, JsonElement> { ["rating"] = JsonDocument.Parse("5").RootElement };
        var error = Reject(dto);
        Assert.Equal("rating", error.Field);
        Assert.Equal(RejectionReasons.UnknownField, error.Reason);

        dto = Valid();
        dto.Context!.UnknownFields = new Dictionary<string, JsonElement> { ["name"] = JsonDocument.Parse("\"x\"").RootElement };
        error = Reject(dto);
        Assert.Equal("context.name", error.Field);
        Assert.Equal(RejectionReasons.UnknownField, error.Reason);
    }

    [Fact]
    public void TryValidate_SeveralProblems_ReportsFirstInSchemaOrder()
    {
        var dto = Valid();
        dto.UserId = "bad user";
        dto.Kind = "nope";
        Assert.Equal("userId", Reject(dto).Field);
    }
}
