using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Contracts.Events;
using Streaming.Contracts.Wire;
using Streaming.Gateway.Telemetry;
using Streaming.Gateway.Tests.Support;
using Streaming.Security;
using Streaming.TestInfrastructure;
using Streaming.TestInfrastructure.DevBroker;

namespace Streaming.Gateway.Tests.Integration;

[Collection(GatewayCollection.Name)]
public sealed class GatewayIntegrationTests(DevBrokerFixture broker)
{
    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static (int Index, string Field, string Reason)[] Rejected(JsonElement body) =>
        body.GetProperty("rejected").EnumerateArray()
            .Select(r => (r.GetProperty("index").GetInt32(), r.GetProperty("field").GetString()!, r.GetProperty("reason").GetString()!))
            .ToArray();

    [Fact]
    public async Task PostEvents_MixedBatch_AcceptsExactlyTheValidOnesWithKeysAndTraceparent()
    {
        var topic = await broker.CreateTopicAsync(partitions: 8);
        await using var gateway = GatewayTestHost.Start(broker, topic);
        using var metrics = new MetricsProbe(gateway.Services.GetRequiredService<IMeterFactory>());
        using var client = gateway.Client(TestAuth.Service());
        var events = new[]
        {
            TestEvents.Event("alice", "ev-a1"),
            TestEvents.Event("alice", "ev-bad-kind").With("kind", "paused"),
            TestEvents.Event("bob", "ev-b1"),
            TestEvents.Event("bob", "ev-bad-played").With("msPlayed", 999_999),
            TestEvents.Event("carol", "ev-c1").With("kind", "like").With("msPlayed", null).With("trackDurationMs", null),
            TestEvents.Event("carol", "ev-bad-type").With("msPlayed", "12"),
        };
        var traceId = ActivityTraceIdHex();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events") { Content = TestEvents.Json(TestEvents.Batch(events)) };
        request.Headers.Add("traceparent", $"00-{traceId}-0123456789abcdef-01");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Equal(3, body.GetProperty("accepted").GetInt32());
        Assert.Equal([(1, "kind", "unknown-kind"), (3, "msPlayed", "out-of-range"), (5, "msPlayed", "invalid-type")], Rejected(body));

        var records = TopicReader.ReadExactly(broker, topic, 3);
        var byEventId = records.ToDictionary(r => ((ListeningRecord.Event)ListeningRecordSerializer.Deserialize(r.Message.Value)).Value.EventId);
        Assert.Equal(["ev-a1", "ev-b1", "ev-c1"], byEventId.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("alice", byEventId["ev-a1"].Message.Key);
        Assert.Equal("bob", byEventId["ev-b1"].Message.Key);
        Assert.Equal("carol", byEventId["ev-c1"].Message.Key);
        var liked = ((ListeningRecord.Event)ListeningRecordSerializer.Deserialize(byEventId["ev-c1"].Message.Value)).Value;
        Assert.Equal(ListeningEventKind.Like, liked.Kind);
        Assert.Equal(new PlaybackContext(PlaybackContextType.Playlist, "pl-1"), liked.Context);
        foreach (var record in records)
        {
            var traceparent = Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes("traceparent"));
            Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", traceparent);
            Assert.Equal(traceId, traceparent.Split('-')[1]);
        }
        Assert.Equal(3, metrics.Sum("streaming.gateway.events.accepted"));
        Assert.Equal(1, metrics.Sum("streaming.gateway.events.rejected", "unknown-kind"));
        Assert.Equal(1, metrics.Sum("streaming.gateway.events.rejected", "out-of-range"));
        Assert.Equal(1, metrics.Sum("streaming.gateway.events.rejected", "invalid-type"));
        Assert.True(metrics.Count("streaming.gateway.produce.duration") >= 1);
    }

    [Fact]
    public async Task PostEvents_AllInvalid_400WithEveryRejection()
    {
        await using var gateway = GatewayTestHost.Start(broker, TestNames.Topic());
        using var client = gateway.Client(TestAuth.User("alice"));

        using var response = await client.PostAsync("/v1/events", TestEvents.Json(TestEvents.Batch(
            TestEvents.Event("alice").With("trackId", "nope"),
            TestEvents.Event("alice").With("eventId", null))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await BodyAsync(response);
        Assert.Equal(0, body.GetProperty("accepted").GetInt32());
        Assert.Equal([(0, "trackId", "invalid-track-id"), (1, "eventId", "required")], Rejected(body));
    }

    [Fact]
    public async Task PostEvents_NoToken_401()
    {
        await using var gateway = GatewayTestHost.Start(broker, TestNames.Topic());
        using var client = gateway.Client();

        using var response = await client.PostAsync("/v1/events", TestEvents.Json(TestEvents.Batch(TestEvents.Event("alice"))));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task PostEvents_ExpiredToken_401InvalidToken()
    {
        await using var gateway = GatewayTestHost.Start(broker, TestNames.Topic());
        var now = DateTimeOffset.UtcNow;
        using var client = gateway.Client(TestAuth.Bearer(
            TestAuth.Minter.CreateToken("alice", StreamingClaims.UserRole, now.AddHours(-2), now.AddHours(-1))));

        using var response = await client.PostAsync("/v1/events", TestEvents.Json(TestEvents.Batch(TestEvents.Event("alice"))));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.Single().Parameter);
    }

    [Fact]
    public async Task PostEvents_TokenOfAnotherKey_401()
    {
        await using var gateway = GatewayTestHost.Start(broker, TestNames.Topic());
        var foreign = new TokenMinter(new AuthOptions { SigningKey = Convert.ToBase64String(new byte[32]) });
        using var client = gateway.Client(TestAuth.Bearer(foreign.CreateServiceToken("replay")));

        using var response = await client.PostAsync("/v1/events", TestEvents.Json(TestEvents.Batch(TestEvents.Event("alice"))));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PostEvents_UserTokenWithAnotherUsersEvent_403AndNothingStored()
    {
        var topic = await broker.CreateTopicAsync(partitions: 2);
        await using var gateway = GatewayTestHost.Start(broker, topic);
        using var client = gateway.Client(TestAuth.User("alice"));

        using var response = await client.PostAsync("/v1/events", TestEvents.Json(TestEvents.Batch(
            TestEvents.Event("alice"), TestEvents.Event("mallory"))));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Equal([(1, "userId", "forbidden-user")], Rejected(body));
        TopicReader.ReadExactly(broker, topic, 0);
    }

    [Fact]
    public async Task DeleteUser_UserTokenOfAnotherUser_403()
    {
        await using var gateway = GatewayTestHost.Start(broker, TestNames.Topic());
        using var client = gateway.Client(TestAuth.User("alice"));

        using var response = await client.DeleteAsync("/v1/users/bob");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task DeleteUser_AfterEvents_ErasureOnTheUsersPartitionAfterItsEvents()
    {
        var topic = await broker.CreateTopicAsync(partitions: 8);
        await using var gateway = GatewayTestHost.Start(broker, topic);
        using var alice = gateway.Client(TestAuth.User("alice"));
        using var service = gateway.Client(TestAuth.Service("import"));

        for (var batch = 0; batch < 3; batch++)
        {
            using var posted = await alice.PostAsync("/v1/events", TestEvents.Json(TestEvents.Batch(
                TestEvents.Event("alice"), TestEvents.Event("alice"))));
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        }
        using var others = await service.PostAsync("/v1/events", TestEvents.Json(TestEvents.Batch(
            TestEvents.Event("bob"), TestEvents.Event("carol"), TestEvents.Event("dave"))));
        Assert.Equal(HttpStatusCode.Accepted, others.StatusCode);

        using var erased = await alice.DeleteAsync("/v1/users/alice");

        Assert.Equal(HttpStatusCode.Accepted, erased.StatusCode);
        var erasureId = (await BodyAsync(erased)).GetProperty("erasureId").GetString();
        var records = TopicReader.ReadExactly(broker, topic, 10);
        var aliceRecords = records.Where(r => r.Message.Key == "alice").OrderBy(r => r.Offset.Value).ToList();
        Assert.Equal(7, aliceRecords.Count);
        Assert.Single(aliceRecords.Select(r => r.Partition.Value).Distinct());
        var last = ListeningRecordSerializer.Deserialize(aliceRecords[^1].Message.Value);
        var erasure = Assert.IsType<ListeningRecord.Erasure>(last);
        Assert.Equal(erasureId, erasure.Value.ErasureId);
        Assert.Equal("alice", erasure.Value.UserId);
        Assert.All(aliceRecords[..^1], r => Assert.IsType<ListeningRecord.Event>(ListeningRecordSerializer.Deserialize(r.Message.Value)));
    }

    [Fact]
    public async Task PostEvents_BodyOverLimit_413ProblemDetails()
    {
        await using var gateway = GatewayTestHost.Start(broker, TestNames.Topic(),
            new Dictionary<string, string?> { ["Gateway:MaxRequestBodyBytes"] = "4096" });
        using var client = gateway.Client(TestAuth.Service());
        // Just over the limit: the whole body is sent before the early 413 (a large upload could see a reset instead).
        var body = TestEvents.Batch(Enumerable.Range(0, 16).Select(_ => TestEvents.Event("alice")).ToArray());
        Assert.True(body.Length > 4096);

        using var response = await client.PostAsync("/v1/events", TestEvents.Json(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(413, (await BodyAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task PostEvents_MalformedJson_400WithParsePosition()
    {
        await using var gateway = GatewayTestHost.Start(broker, TestNames.Topic());
        using var client = gateway.Client(TestAuth.User("alice"));

        using var response = await client.PostAsync("/v1/events", TestEvents.Json("{\"events\":[\n  {\"eventId\": ,}]}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Equal("https://streaming.example/problems/malformed-body", body.GetProperty("type").GetString());
        Assert.Equal(1, body.GetProperty("lineNumber").GetInt64());
        Assert.Equal(14, body.GetProperty("bytePositionInLine").GetInt64());
    }

    [Fact]
    public async Task PostEvents_ThreeDayOldEvent_UserTokenRejectsItServiceTokenAcceptsIt()
    {
        var topic = await broker.CreateTopicAsync(partitions: 2);
        await using var gateway = GatewayTestHost.Start(broker, topic);
        var threeDaysAgo = DateTimeOffset.UtcNow.AddDays(-3);
        using var user = gateway.Client(TestAuth.User("alice"));
        using var service = gateway.Client(TestAuth.Service("import"));

        using var byUser = await user.PostAsync("/v1/events", TestEvents.Json(TestEvents.Batch(
            TestEvents.Event("alice", "old-1", threeDaysAgo), TestEvents.Event("alice", "fresh-1"))));
        using var byService = await service.PostAsync("/v1/events", TestEvents.Json(TestEvents.Batch(
            TestEvents.Event("alice", "old-1", threeDaysAgo))));

        Assert.Equal(HttpStatusCode.Accepted, byUser.StatusCode);
        var userBody = await BodyAsync(byUser);
        Assert.Equal(1, userBody.GetProperty("accepted").GetInt32());
        Assert.Equal([(0, "occurredAt", "too-old")], Rejected(userBody));
        Assert.Equal(HttpStatusCode.Accepted, byService.StatusCode);
        Assert.Equal(1, (await BodyAsync(byService)).GetProperty("accepted").GetInt32());
        var ids = TopicReader.ReadExactly(broker, topic, 2)
            .Select(r => ((ListeningRecord.Event)ListeningRecordSerializer.Deserialize(r.Message.Value)).Value.EventId)
            .Order(StringComparer.Ordinal);
        Assert.Equal(["fresh-1", "old-1"], ids);
    }

    [Fact]
    public async Task PostEvents_OverUserRateLimit_429WithRetryAfterWhileServiceHasItsOwnLimit()
    {
        await using var gateway = GatewayTestHost.Start(broker, TestNames.Topic(), new Dictionary<string, string?>
        {
            ["RateLimiting:UserRequestsPerSecond"] = "1",
            ["RateLimiting:UserBurst"] = "2",
        });
        using var user = gateway.Client(TestAuth.User("alice"));
        using var service = gateway.Client(TestAuth.Service());

        // All at once: ten sequential posts on a slow machine could take long enough for the bucket to refill.
        var statuses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => user.PostAsync("/v1/events", TestEvents.Json("{}"))));
        using var byService = await service.PostAsync("/v1/events", TestEvents.Json("{}"));

        var limited = statuses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, byService.StatusCode);
        Array.ForEach(statuses, r => r.Dispose());
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheEndpoints()
    {
        await using var gateway = GatewayTestHost.Start(broker, TestNames.Topic());
        using var client = gateway.Client();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/events", out var events));
        Assert.True(events.TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/v1/users/{userId}").TryGetProperty("delete", out _));
        Assert.False(paths.TryGetProperty("/v1/noop", out _));
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _));
    }

    [Fact]
    public async Task PostNoop_DisabledByDefault_404()
    {
        await using var gateway = GatewayTestHost.Start(broker, TestNames.Topic());
        using var client = gateway.Client(TestAuth.Service());

        using var response = await client.PostAsync("/v1/noop", TestEvents.Json(TestEvents.Batch(TestEvents.Event("alice"))));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string ActivityTraceIdHex() => System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();
}
