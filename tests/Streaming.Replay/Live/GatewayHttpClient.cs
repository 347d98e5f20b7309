using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Streaming.Contracts.Events;

namespace Streaming.Replay.Live;

/// <summary><c>POST /v1/events</c>: one batch per call; invalid events come back as rejected indexes.</summary>
public sealed class GatewayHttpClient(ServiceHttpClient http) : IEventGateway
{
    public async Task<PostResult> PostAsync(IReadOnlyList<OutgoingEvent> events, CancellationToken cancellationToken)
    {
        var body = new EventBatchWire(events.Select(ToWire).ToArray());
        using var response = await http.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "v1/events") { Content = JsonContent.Create(body, LiveJsonContext.Default.EventBatchWire) },
            cancellationToken);
        var answer = await ReadAnswerAsync(response, cancellationToken);
        switch (response.StatusCode)
        {
            case HttpStatusCode.Accepted or HttpStatusCode.OK:
            case HttpStatusCode.BadRequest when answer?.Rejected is { Count: > 0 }:
                var rejected = answer?.Rejected ?? [];
                return new PostResult(
                    answer?.Accepted ?? events.Count - rejected.Count,
                    rejected.Select(r => r.Index).ToArray(),
                    rejected.Count > 0 ? $"{rejected[0].Field}: {rejected[0].Reason} ({rejected[0].Detail})" : null);
            case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                throw new ReplayFatalException($"gateway {http.BaseAddress} refused the service token ({(int)response.StatusCode}): check --signing-key / Auth__SigningKey.");
            default:
                throw new ReplayFatalException($"gateway {http.BaseAddress} answered {(int)response.StatusCode} after retries: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static ListeningEventWire ToWire(OutgoingEvent e) => new(
        e.EventId,
        e.UserId,
        e.TrackId,
        e.SessionId,
        ListeningEventKindNames.ToWire(e.Kind),
        e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        e.MsPlayed,
        e.TrackDurationMs,
        e.PrivateSession ? true : null);

    private static async Task<EventBatchAnswerWire?> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(LiveJsonContext.Default.EventBatchAnswerWire, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
