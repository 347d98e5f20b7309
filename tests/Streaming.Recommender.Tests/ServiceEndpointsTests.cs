using System.Net;
using Streaming.Recommender.Tests.Support;

namespace Streaming.Recommender.Tests;

[Collection(RecommenderCollection.Name)]
public sealed class ServiceEndpointsTests(SharedRecommender shared)
{
    [Fact]
    public async Task OpenApi_Document_ListsTheEndpoints()
    {
        using var client = shared.Host.Client();

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/v1/users/{userId}/next", document);
        Assert.Contains("/v1/users/{userId}/discover", document);
        Assert.Contains("/v1/users/{userId}/top", document);
        Assert.Contains("/v1/tracks/{trackId}/similar", document);
        Assert.DoesNotContain("/v1/noop", document);
        Assert.Contains("\"exclude\"", document);
        Assert.Contains("\"sessionId\"", document);
        Assert.Contains("\"year\"", document);
        Assert.Contains("bearer", document);
    }

    [Fact]
    public async Task Metrics_AfterAnAnswer_ExportLatencyAndIndex()
    {
        using var client = shared.Host.ServiceClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/users/metrics-user/next")).StatusCode);

        var metrics = await RecommenderTestHost.EventuallyAsync(
            () => client.GetStringAsync("/metrics"),
            m => m.Contains("streaming_recommender_request_duration_seconds_bucket") && m.Contains("streaming_recommender_index_vectors"));

        Assert.Contains("streaming_recommender_request_duration_seconds_bucket", metrics);
        Assert.Contains("streaming_recommender_index_vectors", metrics);
    }

    [Fact]
    public async Task BenchmarkEndpoints_DisabledByDefault_404()
    {
        using var client = shared.Host.ServiceClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/noop")).StatusCode);
    }
}
