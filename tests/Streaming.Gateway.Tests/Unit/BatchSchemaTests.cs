using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Streaming.Contracts;
using Streaming.Contracts.Events;
using Streaming.Gateway.Api;
using Streaming.Gateway.Validation;
using Streaming.TestInfrastructure;

namespace Streaming.Gateway.Tests.Unit;

/// <summary>The request DTOs and limits agree with shared/Streaming.Contracts/Schemas/listening-events-batch.v1.schema.json.</summary>
public sealed class BatchSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(
        RepoPaths.Combine("shared", "Streaming.Contracts", "Schemas", "listening-events-batch.v1.schema.json"))).RootElement;

    private static JsonElement EventSchema => Schema.GetProperty("$defs").GetProperty("listeningEvent");

    private static string[] JsonNames<T>() =>
        typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonExtensionDataAttribute>() is null)
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} has no JSON name"))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static string[] PropertyNames(JsonElement schema) =>
        schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public void BatchDto_PropertyNames_MatchSchema() =>
        Assert.Equal(PropertyNames(Schema), JsonNames<ListeningEventBatchRequest>());

    [Fact]
    public void EventDto_PropertyNames_MatchSchema() =>
        Assert.Equal(PropertyNames(EventSchema), JsonNames<ListeningEventDto>());

    [Fact]
    public void ContextDto_PropertyNames_MatchSchema() =>
        Assert.Equal(PropertyNames(EventSchema.GetProperty("properties").GetProperty("context")), JsonNames<PlaybackContextDto>());

    [Fact]
    public void Schema_KindEnum_IsTheValidatorsKindList() =>
        Assert.Equal(Strings(EventSchema.GetProperty("properties").GetProperty("kind").GetProperty("enum")), ListeningEventKindNames.All);

    [Fact]
    public void Schema_ContextTypeEnum_IsTheValidatorsContextList() =>
        Assert.Equal(
            Strings(EventSchema.GetProperty("properties").GetProperty("context").GetProperty("properties").GetProperty("type").GetProperty("enum")),
            PlaybackContextNames.All);

    [Fact]
    public void Schema_RequiredFields_AreRejectedWhenMissing()
    {
        var required = Strings(EventSchema.GetProperty("required"));
        Assert.Equal(["eventId", "userId", "trackId", "sessionId", "kind", "occurredAt"], required);
        Assert.Equal(["events"], Strings(Schema.GetProperty("required")));
        Assert.False(Schema.GetProperty("additionalProperties").GetBoolean());
        Assert.False(EventSchema.GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public void Schema_Limits_MatchGatewayLimits()
    {
        var events = Schema.GetProperty("properties").GetProperty("events");
        Assert.Equal(1, events.GetProperty("minItems").GetInt32());
        Assert.Equal(EventLimits.MaxBatchSize, events.GetProperty("maxItems").GetInt32());
        Assert.Equal(Identifiers.MaxLength, Schema.GetProperty("$defs").GetProperty("id").GetProperty("maxLength").GetInt32());
        var properties = EventSchema.GetProperty("properties");
        Assert.Equal(EventLimits.MaxTrackIdLength, properties.GetProperty("trackId").GetProperty("maxLength").GetInt32());
        Assert.Equal(EventLimits.MaxPlayMs, properties.GetProperty("trackDurationMs").GetProperty("maximum").GetInt32());
        Assert.Equal(1, properties.GetProperty("trackDurationMs").GetProperty("minimum").GetInt32());
        Assert.Equal(0, properties.GetProperty("msPlayed").GetProperty("minimum").GetInt32());
        Assert.Equal(EventLimits.MaxContextIdLength,
            properties.GetProperty("context").GetProperty("properties").GetProperty("id").GetProperty("maxLength").GetInt32());
    }

    [Fact]
    public void Schema_TrackIdPattern_AdmitsEveryIdTheGatewayAccepts()
    {
        var pattern = new System.Text.RegularExpressions.Regex(
            EventSchema.GetProperty("properties").GetProperty("trackId").GetProperty("pattern").GetString()!);
        foreach (var id in new[] { "4uLU6hMCjMI75M1A2tKUQC", "n:abcdefghijklmnopqrstuvwxyz", "n:234567abcdefghijklmnopqrst" })
        {
            Assert.True(TrackIdRule.IsValid(id), id);
            Assert.Matches(pattern, id);
        }
    }

    [Fact]
    public void Schema_IdPattern_MatchesIdentifierRule()
    {
        var pattern = new System.Text.RegularExpressions.Regex(Schema.GetProperty("$defs").GetProperty("id").GetProperty("pattern").GetString()!);
        foreach (var sample in new[] { "u-1", "a.b_c:d", "ü", "a b", "x/y", "" })
        {
            Assert.Equal(Identifiers.IsValid(sample), pattern.IsMatch(sample));
        }
    }
}
