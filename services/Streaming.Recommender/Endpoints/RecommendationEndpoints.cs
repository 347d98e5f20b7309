using System.Diagnostics;
using Streaming.Recommender.Index;
using Streaming.Recommender.Recommendations;
using Streaming.Recommender.Telemetry;
using Streaming.Security;

namespace Streaming.Recommender.Endpoints;

/// <summary>
/// The four read endpoints. Order of checks: 401 (no valid token, by the middleware), 400 bad user id,
/// 403 a user token for another user, 400 other parameters, 503 while no index is loaded; then 200 —
/// Redis failures answer 200 with <c>degraded: true</c>, never 5xx.
/// </summary>
internal static class RecommendationEndpoints
{
    public static async Task<IResult> NextAsync(
        string userId, HttpContext http, TrackIndexHolder indexes, RecommendationService service, RecommenderMetrics metrics)
    {
        var started = Stopwatch.GetTimestamp();
        var parameters = new QueryParameters(http.Request.Query);
        parameters.UserId(userId);
        if (!parameters.IsValid)
        {
            return RecommenderProblems.InvalidParameters(parameters.Errors);
        }
        if (!http.User.CanActForUser(userId))
        {
            return RecommenderProblems.ForbiddenUser();
        }
        var sessionId = parameters.SessionId();
        var count = parameters.Count(10);
        var exclude = parameters.Exclude();
        if (!parameters.IsValid)
        {
            return RecommenderProblems.InvalidParameters(parameters.Errors);
        }
        if (indexes.Current is not { } index)
        {
            metrics.Degraded(EndpointNames.Next, "no-index");
            return RecommenderProblems.NotReady(http.Response);
        }
        var answer = await service.NextAsync(index, userId, sessionId, count, exclude, http.RequestAborted);
        metrics.Answered(EndpointNames.Next, answer.Strategy, answer.Degraded, Stopwatch.GetElapsedTime(started));
        return TypedResults.Ok(answer);
    }

    public static async Task<IResult> DiscoverAsync(
        string userId, HttpContext http, TrackIndexHolder indexes, RecommendationService service, RecommenderMetrics metrics)
    {
        var started = Stopwatch.GetTimestamp();
        var parameters = new QueryParameters(http.Request.Query);
        parameters.UserId(userId);
        if (!parameters.IsValid)
        {
            return RecommenderProblems.InvalidParameters(parameters.Errors);
        }
        if (!http.User.CanActForUser(userId))
        {
            return RecommenderProblems.ForbiddenUser();
        }
        var count = parameters.Count(30);
        if (!parameters.IsValid)
        {
            return RecommenderProblems.InvalidParameters(parameters.Errors);
        }
        if (indexes.Current is not { } index)
        {
            metrics.Degraded(EndpointNames.Discover, "no-index");
            return RecommenderProblems.NotReady(http.Response);
        }
        var answer = await service.DiscoverAsync(index, userId, count, http.RequestAborted);
        metrics.Answered(EndpointNames.Discover, answer.Strategy, answer.Degraded, Stopwatch.GetElapsedTime(started));
        return TypedResults.Ok(answer);
    }

    public static async Task<IResult> TopAsync(
        string userId, HttpContext http, TrackIndexHolder indexes, RecommendationService service, RecommenderMetrics metrics)
    {
        var started = Stopwatch.GetTimestamp();
        var parameters = new QueryParameters(http.Request.Query);
        parameters.UserId(userId);
        if (!parameters.IsValid)
        {
            return RecommenderProblems.InvalidParameters(parameters.Errors);
        }
        if (!http.User.CanActForUser(userId))
        {
            return RecommenderProblems.ForbiddenUser();
        }
        var year = parameters.Year();
        var count = parameters.Count(20);
        if (!parameters.IsValid)
        {
            return RecommenderProblems.InvalidParameters(parameters.Errors);
        }
        if (indexes.Current is not { } index)
        {
            metrics.Degraded(EndpointNames.Top, "no-index");
            return RecommenderProblems.NotReady(http.Response);
        }
        var answer = await service.TopAsync(index, userId, year, count, http.RequestAborted);
        metrics.Answered(EndpointNames.Top, Strategies.Item, answer.Degraded, Stopwatch.GetElapsedTime(started));
        return TypedResults.Ok(answer);
    }

    public static IResult Similar(
        string trackId, HttpContext http, TrackIndexHolder indexes, RecommendationService service, RecommenderMetrics metrics)
    {
        var started = Stopwatch.GetTimestamp();
        var parameters = new QueryParameters(http.Request.Query);
        parameters.TrackId(trackId);
        var count = parameters.Count(10);
        if (!parameters.IsValid)
        {
            return RecommenderProblems.InvalidParameters(parameters.Errors);
        }
        if (indexes.Current is not { } index)
        {
            metrics.Degraded(EndpointNames.Similar, "no-index");
            return RecommenderProblems.NotReady(http.Response);
        }
        var answer = service.Similar(index, trackId, count);
        if (answer is null)
        {
            return RecommenderProblems.UnknownTrack(trackId);
        }
        metrics.Answered(EndpointNames.Similar, Strategies.Item, false, Stopwatch.GetElapsedTime(started));
        return TypedResults.Ok(answer);
    }
}
