using System.Net;
using System.Net.Http.Json;

namespace Streaming.Replay.Live;

/// <summary><c>GET /v1/users/{userId}/next?sessionId=&amp;count=&amp;exclude=</c>.</summary>
public sealed class RecommenderHttpClient(ServiceHttpClient http) : INextTrackService
{
    /// <summary>The recommender's limit on <c>exclude</c>.</summary>
    public const int MaxExcluded = 100;

    public async Task<NextAnswer> NextAsync(
        string userId, string? sessionId, int count, IReadOnlyCollection<string> exclude, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var query = $"v1/users/{Uri.EscapeDataString(userId)}/next?count={count}";
        if (at is { } time)
        {
            query += "&at=" + Uri.EscapeDataString(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (sessionId is not null)
        {
            query += "&sessionId=" + Uri.EscapeDataString(sessionId);
        }
        if (exclude.Count > 0)
        {
            query += "&exclude=" + Uri.EscapeDataString(string.Join(',', exclude.Take(MaxExcluded)));
        }
        using var response = await http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, query), cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new ReplayFatalException($"recommender {http.BaseAddress} refused the service token ({(int)response.StatusCode}): check --signing-key / Auth__SigningKey.");
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new ReplayFatalException($"recommender {http.BaseAddress} answered {(int)response.StatusCode} for {query}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
        var wire = await response.Content.ReadFromJsonAsync(LiveJsonContext.Default.RecommendationsWire, cancellationToken)
            ?? throw new ReplayFatalException($"recommender {http.BaseAddress} answered an empty body for {query}.");
        return new NextAnswer(
            (wire.Tracks ?? []).Select(t => t.TrackId).ToArray(),
            wire.LastAppliedEventId,
            wire.LastEventAt,
            wire.Degraded,
            wire.Strategy);
    }
}
