using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Streaming.Recommender.Api;
using Streaming.Recommender.Benchmarking;
using Streaming.Recommender.Endpoints;
using Streaming.Recommender.Index;
using Streaming.Recommender.Options;
using Streaming.Recommender.Recommendations;
using Streaming.Recommender.Taste;
using Streaming.Recommender.Telemetry;
using Streaming.Recommender.Trending;
using Streaming.Security;
using Streaming.ServiceDefaults;
using Streaming.TasteStore;

namespace Streaming.Recommender;

public static class RecommenderHostingExtensions
{
    /// <summary>
    /// Options, Redis (fail-fast) and the taste store, the catalog snapshot and its index, the trending cache,
    /// resilience pipelines, auth and rate limits, problem details, JSON, OpenAPI, metrics.
    /// Readiness = snapshot + index loaded; Redis is deliberately not part of it (an outage degrades answers).
    /// </summary>
    public static WebApplicationBuilder AddRecommender(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddRecommendationCore();
        services.Configure<HealthCheckServiceOptions>(o =>
        {
            foreach (var check in o.Registrations.Where(r => r.Name == TasteStoreHealthCheck.Name))
            {
                check.Tags.Remove(HealthTags.Ready);
            }
        });
        builder.AddCatalogSnapshots();

        builder.AddStreamingAuthentication();
        builder.AddStreamingRateLimiting();
        builder.AddStreamingLoadShedding();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, RecommenderJsonContext.Default));
        services.AddOpenApi(o => o.AddDocumentTransformer(new BearerSecuritySchemeTransformer(
            "sub = user id (or service name), role = user | service; a user token reads its own user's answers only")));

        services.AddSingleton<TrackIndexHolder>();
        services.AddSingleton<TrackIndexService>();
        services.AddHostedService(sp => sp.GetRequiredService<TrackIndexService>());
        services.AddHealthChecks().AddCheck<TrackIndexHealthCheck>(TrackIndexHealthCheck.Name, tags: [HealthTags.Ready]);
        services.AddHostedService(sp => sp.GetRequiredService<TrendingCache>());
        services.AddSingleton<LatencyRecorder>();
        return builder;
    }

    /// <summary>
    /// What answers without HTTP: options, Redis (fail-fast) and the taste store, resilience pipelines, metrics, the
    /// trending cache (refreshed by its hosted service in the service, by the caller elsewhere), the reader, the
    /// fallback filler and <see cref="RecommendationService"/>. The in-process evaluator runs exactly this.
    /// </summary>
    public static IHostApplicationBuilder AddRecommendationCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<RecommenderOptions>(RecommenderOptions.Section);

        // Registered before AddTasteStore (which only adds one if none exists): while Redis is unreachable,
        // commands fail at once instead of queueing behind the reconnect, so the answer degrades quickly.
        services.TryAddSingleton<IConnectionMultiplexer>(sp =>
        {
            var connection = sp.GetRequiredService<IConfiguration>().GetConnectionString(TasteStoreHostingExtensions.RedisConnectionName)
                             ?? throw new InvalidOperationException($"ConnectionStrings:{TasteStoreHostingExtensions.RedisConnectionName} is required.");
            var options = ConfigurationOptions.Parse(connection);
            options.AbortOnConnectFail = false;
            options.BacklogPolicy = BacklogPolicy.FailFast;
            if (sp.GetRequiredService<IOptions<RecommenderOptions>>().Value.RedisRepliesOnThreadPool)
            {
                options.SocketManager = SocketManager.ThreadPool;
            }
            return ConnectionMultiplexer.Connect(options);
        });
        builder.AddTasteStore();
        services.TryAddSingleton(TimeProvider.System);
        services.AddRedisPipelines();
        services.AddSingleton<RecommenderMetrics>();
        services.AddSingleton<TrendingCache>();
        services.AddSingleton<TasteReader>();
        services.AddSingleton<FallbackFiller>();
        services.AddSingleton<RecommendationService>();
        return builder;
    }

    /// <summary>Problem details for errors and bare status codes, the benchmark latency recorder when enabled, then security.</summary>
    public static WebApplication UseRecommender(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (app.Services.GetRequiredService<IOptions<RecommenderOptions>>().Value.EnableBenchmarkEndpoints)
        {
            app.Use(app.Services.GetRequiredService<LatencyRecorder>().Middleware);
        }
        app.UseStreamingSecurity();
        return app;
    }

    /// <summary>
    /// <c>GET /v1/users/{userId}/next|discover|top</c>, <c>GET /v1/tracks/{trackId}/similar</c>, <c>/openapi/v1.json</c>,
    /// and with <c>Recommender:EnableBenchmarkEndpoints</c> <c>GET /v1/noop</c> and <c>GET|DELETE /v1/bench/latency</c>.
    /// </summary>
    public static WebApplication MapRecommenderEndpoints(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();

        var v1 = app.MapGroup("/v1")
            .RequireAuthorization(StreamingPolicies.Client)
            .RequireRateLimiting(StreamingRateLimitingExtensions.PerClientPolicy)
            .ShedWhenOverloaded()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        v1.MapGet("/users/{userId}/next", RecommendationEndpoints.NextAsync)
            .WithName("NextTracks")
            .WithSummary("Ranked next tracks for the user's session, with score and reason")
            .WithDescription("Query: sessionId (optional), count 1..100 (default 10), exclude = comma-separated track ids (max 100), at (optional client time). " +
                             "Candidates: the listener's own history and what they played after these tracks before, what listeners play after and near " +
                             "the session's tracks, vector neighbours of the taste, trending; ordered by the catalog snapshot's learned ranker. " +
                             "Never the track playing, this session's plays or skips, the last Recommender:Ranking:RecentExclusion plays, or an excluded id; " +
                             "at most Recommender:Ranking:MaxPerArtist per artist. Unknown users get trending tracks (cold start). " +
                             "When Redis fails: 200 with degraded=true and the cached trending list.")
            .WithQueryParameters(QueryParameterDocs.SessionId, QueryParameterDocs.Count, QueryParameterDocs.Exclude, QueryParameterDocs.At)
            .WithMetadata(new LatencyName(EndpointNames.Next))
            .Produces<RecommendationsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        v1.MapGet("/users/{userId}/discover", RecommendationEndpoints.DiscoverAsync)
            .WithName("Discover")
            .WithSummary("Tracks the user never played, close to the long-term taste (count 1..100, default 30)")
            .WithQueryParameters(QueryParameterDocs.Count)
            .WithMetadata(new LatencyName(EndpointNames.Discover))
            .Produces<RecommendationsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        v1.MapGet("/users/{userId}/top", RecommendationEndpoints.TopAsync)
            .WithName("TopTracks")
            .WithSummary("The user's most played tracks of a calendar year (UTC, event time), private plays excluded")
            .WithDescription("Query: year=YYYY (default: the latest year with a counted play), count 1..100 (default 20).")
            .WithQueryParameters(QueryParameterDocs.Year, QueryParameterDocs.Count)
            .WithMetadata(new LatencyName(EndpointNames.Top))
            .Produces<TopTracksResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        v1.MapGet("/tracks/{trackId}/similar", RecommendationEndpoints.SimilarAsync)
            .WithName("SimilarTracks")
            .WithSummary("Item-to-item nearest neighbours of a catalog track (count 1..100, default 10)")
            .WithQueryParameters(QueryParameterDocs.Count)
            .WithMetadata(new LatencyName(EndpointNames.Similar))
            .Produces<SimilarTracksResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        if (app.Services.GetRequiredService<IOptions<RecommenderOptions>>().Value.EnableBenchmarkEndpoints)
        {
            v1.MapGet("/noop", BenchmarkEndpoints.Noop).WithMetadata(new LatencyName(EndpointNames.Noop)).ExcludeFromDescription();
            v1.MapGet("/bench/latency", BenchmarkEndpoints.Latency).ExcludeFromDescription();
            v1.MapDelete("/bench/latency", BenchmarkEndpoints.ResetLatency).ExcludeFromDescription();
        }
        return app;
    }
}
