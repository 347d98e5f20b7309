using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Recommender.Tests.Support;
using Streaming.Security;

namespace Streaming.Recommender.Tests;

/// <summary>The process-wide concurrency limit of the recommender's API (<see cref="LoadShedder"/>).</summary>
[Collection(RecommenderCollection.Name)]
public sealed class LoadSheddingTests(SharedRecommender shared)
{
    private static readonly Endpoint Protected = new(
        _ => Task.CompletedTask, new EndpointMetadataCollection(ShedWhenOverloadedMetadata.Instance), "protected");

    private static readonly Endpoint Unprotected = new(_ => Task.CompletedTask, EndpointMetadataCollection.Empty, "health");

    [Fact]
    public async Task InvokeAsync_BeyondMaxConcurrentRequests_503WithRetryAfterAndCounted_ThenAdmitsAgain()
    {
        using var services = Services(new LoadSheddingOptions { MaxConcurrentRequests = 2, RetryAfterSeconds = 3 });
        var shedder = services.GetRequiredService<LoadShedder>();
        using var shed = new ShedCounter(services.GetRequiredService<LoadSheddingMetrics>().Shed);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        RequestDelegate slow = async c =>
        {
            await release.Task;
            c.Response.StatusCode = StatusCodes.Status200OK;
        };

        var first = Context(services, Protected);
        var second = Context(services, Protected);
        var running = new[] { shedder.InvokeAsync(first, slow), shedder.InvokeAsync(second, slow) };
        var third = Context(services, Protected);
        await shedder.InvokeAsync(third, slow).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(running, t => Assert.False(t.IsCompleted));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, third.Response.StatusCode);
        Assert.Equal("3", third.Response.Headers.RetryAfter.ToString());
        Assert.Contains("Over capacity", Body(third));
        Assert.Equal(1, shed.Count);

        release.SetResult();
        await Task.WhenAll(running);
        var fourth = Context(services, Protected);
        await shedder.InvokeAsync(fourth, slow);

        Assert.Equal(StatusCodes.Status200OK, first.Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, fourth.Response.StatusCode);
        Assert.Equal(1, shed.Count);
    }

    [Fact]
    public async Task InvokeAsync_EndpointNotMarked_NeverShed()
    {
        using var services = Services(new LoadSheddingOptions { MaxConcurrentRequests = 1 });
        var shedder = services.GetRequiredService<LoadShedder>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = shedder.InvokeAsync(Context(services, Protected), _ => release.Task);

        var probe = Context(services, Unprotected);
        await shedder.InvokeAsync(probe, c =>
        {
            c.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });

        Assert.Equal(StatusCodes.Status204NoContent, probe.Response.StatusCode);
        release.SetResult();
        await holding;
    }

    [Fact]
    public void EffectiveMaxConcurrentRequests_Zero_PermitsPerCoreTimesCores()
    {
        Assert.Equal(3 * Environment.ProcessorCount, new LoadSheddingOptions { PermitsPerCore = 3 }.EffectiveMaxConcurrentRequests);
        Assert.Equal(7, new LoadSheddingOptions { MaxConcurrentRequests = 7, PermitsPerCore = 3 }.EffectiveMaxConcurrentRequests);
    }

    [Fact]
    public void Service_ApiEndpointsShed_ProbesNot()
    {
        var endpoints = shared.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        bool Shed(string pattern) => endpoints.Single(e => e.RoutePattern.RawText == pattern).Metadata.GetMetadata<ShedWhenOverloadedMetadata>() is not null;

        Assert.True(Shed("/v1/users/{userId}/next"));
        Assert.True(Shed("/v1/users/{userId}/discover"));
        Assert.True(Shed("/v1/users/{userId}/top"));
        Assert.True(Shed("/v1/tracks/{trackId}/similar"));
        Assert.All(endpoints.Where(e => e.RoutePattern.RawText!.StartsWith("/health", StringComparison.Ordinal) || e.RoutePattern.RawText == "/metrics"),
            e => Assert.Null(e.Metadata.GetMetadata<ShedWhenOverloadedMetadata>()));
    }

    [Fact]
    public async Task OpenApi_503_DescribesRetryAfter()
    {
        using var client = shared.Host.Client();

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("Over capacity", document);
        Assert.Contains("\"Retry-After\"", document);
    }

    [Fact]
    public async Task Next_UnderCapacity_Admitted()
    {
        using var client = shared.Host.ServiceClient();

        var response = await client.GetAsync("/v1/users/shed-user/next");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static ServiceProvider Services(LoadSheddingOptions options)
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddProblemDetails();
        services.AddLogging();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddSingleton<LoadSheddingMetrics>();
        services.AddSingleton<LoadShedder>();
        return services.BuildServiceProvider();
    }

    private static DefaultHttpContext Context(IServiceProvider services, Endpoint endpoint)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        context.SetEndpoint(endpoint);
        return context;
    }

    private static string Body(HttpContext context) =>
        System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());

    /// <summary>Counts what <paramref name="target"/> (this test's own counter, not another host's) records.</summary>
    private sealed class ShedCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public ShedCounter(Counter<long> target)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument, target))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
