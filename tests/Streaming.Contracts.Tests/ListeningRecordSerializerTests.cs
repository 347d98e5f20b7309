using System.Text;
using Streaming.Contracts.Events;
using Streaming.Contracts.Wire;

namespace Streaming.Contracts.Tests;

public class ListeningRecordSerializerTests
{
    [Fact]
    public void Deserialize_SerializedEvent_RoundTrips()
    {
        var e = SkipRuleTests.Sample() with { PrivateSession = true };
        var back = Assert.IsType<ListeningRecord.Event>(ListeningRecordSerializer.Deserialize(ListeningRecordSerializer.Serialize(e)));
        Assert.Equal(e, back.Value);
    }

    [Fact]
    public void Deserialize_SerializedErasure_RoundTrips()
    {
        var erasure = new UserErasure { ErasureId = "x-1", UserId = "u-1", RequestedAt = DateTimeOffset.UnixEpoch.AddDays(20_000) };
        var back = Assert.IsType<ListeningRecord.Erasure>(ListeningRecordSerializer.Deserialize(ListeningRecordSerializer.Serialize(erasure)));
        Assert.Equal(erasure, back.Value);
        Assert.Equal("u-1", back.UserId);
    }

    [Fact]
    public void Deserialize_NewerProducerWithExtraFieldsAndKind_ReadsKnownFieldsAndUnknownKind()
    {
        // A future producer (same major version) adds a field and a kind: old readers keep working.
        const string json = """{"v":1,"type":"event","eventId":"e","userId":"u","trackId":"t","sessionId":"s","kind":"add_to_queue","occurredAt":"2025-01-01T00:00:00Z","deviceClass":"car","loudness":0.4}""";
        var record = Assert.IsType<ListeningRecord.Event>(ListeningRecordSerializer.Deserialize(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(ListeningEventKind.Unknown, record.Value.Kind);
        Assert.Equal("u", record.Value.UserId);
    }

    [Fact]
    public void Deserialize_OlderProducerWithoutOptionalFields_TakesDefaults()
    {
        const string json = """{"v":1,"type":"event","eventId":"e","userId":"u","trackId":"t","sessionId":"s","kind":"play_started","occurredAt":"2025-01-01T00:00:00+00:00"}""";
        var record = Assert.IsType<ListeningRecord.Event>(ListeningRecordSerializer.Deserialize(Encoding.UTF8.GetBytes(json)));
        Assert.False(record.Value.PrivateSession);
        Assert.Null(record.Value.MsPlayed);
        Assert.Equal(PlaybackContextType.Unknown, record.Value.Context.Type);
    }

    [Theory]
    [InlineData("""{"v":2,"type":"event"}""", "unsupported schema version 2")]
    [InlineData("""{"v":1,"type":"event","userId":"u"}""", "missing eventId")]
    [InlineData("""{"v":1,"type":"merge","userId":"u"}""", "unknown record type")]
    [InlineData("""{"v":1,"type":"event","eventId":"e","userId":"u","trackId":"t","sessionId":"s","kind":"skip"}""", "missing occurredAt")]
    [InlineData("""{"v":1,""", "invalid JSON")]
    [InlineData("null", "empty record")]
    public void Deserialize_InvalidRecord_ThrowsWithReason(string json, string reason)
    {
        var ex = Assert.Throws<ListeningRecordFormatException>(() => ListeningRecordSerializer.Deserialize(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_Event_UsesWireNamesAndOmitsNulls()
    {
        var json = Encoding.UTF8.GetString(ListeningRecordSerializer.Serialize(SkipRuleTests.Sample() with { TrackDurationMs = null }));
        Assert.Contains("\"kind\":\"play_ended\"", json, StringComparison.Ordinal);
        Assert.Contains("\"context\":\"playlist\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("trackDurationMs", json, StringComparison.Ordinal);
    }
}

public class ListeningRecordSerializerProducerShapeTests
{
    [Fact]
    public void Deserialize_GatewayProducedRecordWithFractionalSeconds_Decodes()
    {
        const string json = """{"v":1,"type":"event","eventId":"synthetic-user-0003:0000000","userId":"synthetic-user-0003","trackId":"Twrq7h6GTpyz5OSejEf3YR","sessionId":"synthetic-user-0003-s0000","kind":"play_ended","occurredAt":"2024-01-02T23:40:13.58+00:00","msPlayed":215049,"trackDurationMs":219866,"privateSession":false}""";
        var record = Assert.IsType<ListeningRecord.Event>(ListeningRecordSerializer.Deserialize(System.Text.Encoding.UTF8.GetBytes(json)));
        Assert.Equal(215049, record.Value.MsPlayed);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 23, 40, 13, 580, TimeSpan.Zero), record.Value.OccurredAt);
    }
}
