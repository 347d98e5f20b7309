using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
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
        if (!TryAdmitUser(parameters, userId, http, out var refusal))
        {
            return refusal;
        }
        var sessionId = parameters.SessionId();
        var count = parameters.Count(10);
        var exclude = parameters.Exclude();
        var at = parameters.At();
        if (!TryGetIndex(parameters, indexes, metrics, EndpointNames.Next, http, out var index, out refusal))
        {
            return refusal;
        }
        var answer = await service.NextAsync(index, userId, sessionId, count, exclude, at, http.RequestAborted);
        metrics.Answered(EndpointNames.Next, answer.Strategy, answer.Degraded, Stopwatch.GetElapsedTime(started));
        return TypedResults.Ok(answer);
    }

    public static async Task<IResult> DiscoverAsync(
        string userId, HttpContext http, TrackIndexHolder indexes, RecommendationService service, RecommenderMetrics metrics)
    {
        var started = Stopwatch.GetTimestamp();
        var parameters = new QueryParameters(http.Request.Query);
        if (!TryAdmitUser(parameters, userId, http, out var refusal))
        {
            return refusal;
        }
        var count = parameters.Count(30);
        if (!TryGetIndex(parameters, indexes, metrics, EndpointNames.Discover, http, out var index, out refusal))
        {
            return refusal;
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
        if (!TryAdmitUser(parameters, userId, http, out var refusal))
        {
            return refusal;
        }
        var year = parameters.Year();
        var count = parameters.Count(20);
        if (!TryGetIndex(parameters, indexes, metrics, EndpointNames.Top, http, out var index, out refusal))
        {
            return refusal;
        }
        var answer = await service.TopAsync(index, userId, year, count, http.RequestAborted);
        metrics.Answered(EndpointNames.Top, Strategies.Item, answer.Degraded, Stopwatch.GetElapsedTime(started));
        return TypedResults.Ok(answer);
    }

    public static async Task<IResult> SimilarAsync(
        string trackId, HttpContext http, TrackIndexHolder indexes, RecommendationService service, RecommenderMetrics metrics)
    {
        var started = Stopwatch.GetTimestamp();
        var parameters = new QueryParameters(http.Request.Query);
        parameters.TrackId(trackId);
        var count = parameters.Count(10);
        if (!TryGetIndex(parameters, indexes, metrics, EndpointNames.Similar, http, out var index, out var refusal))
        {
            return refusal;
        }
        var answer = await service.SimilarAsync(index, trackId, count, http.RequestAborted);
        if (answer is null)
        {
            return RecommenderProblems.UnknownTrack(trackId);
        }
        metrics.Answered(EndpointNames.Similar, Strategies.Item, false, Stopwatch.GetElapsedTime(started));
        return TypedResults.Ok(answer);
    }

    /// <summary>400 for a malformed user id, then 403 when the token may not act for that user.</summary>
    private static bool TryAdmitUser(QueryParameters parameters, string userId, HttpContext http, [NotNullWhen(false)] out IResult? refusal)
    {
        parameters.UserId(userId);
        refusal = !parameters.IsValid ? RecommenderProblems.InvalidParameters(parameters.Errors)
            : !http.User.CanActForUser(userId) ? RecommenderProblems.ForbiddenUser()
            : null;
        return refusal is null;
    }

    /// <summary>400 for any invalid parameter, then 503 while no index is loaded; else the index to answer from.</summary>
    private static bool TryGetIndex(
        QueryParameters parameters, TrackIndexHolder indexes, RecommenderMetrics metrics, string endpoint, HttpContext http,
        [NotNullWhen(true)] out TrackIndex? index, [NotNullWhen(false)] out IResult? refusal)
    {
        index = null;
        if (!parameters.IsValid)
        {
            refusal = RecommenderProblems.InvalidParameters(parameters.Errors);
            return false;
        }
        index = indexes.Current;
        if (index is null)
        {
            metrics.Degraded(endpoint, "no-index");
            refusal = RecommenderProblems.NotReady(http.Response);
            return false;
        }
        refusal = null;
        return true;
    }
}
