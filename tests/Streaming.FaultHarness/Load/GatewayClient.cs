using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Streaming.Contracts.Events;

namespace Streaming.FaultHarness.Load;

/// <summary>
/// A player client of <c>POST /v1/events</c>: a batch is sent again, with the same event ids, until the gateway
/// acknowledges it (202), after the Retry-After it asks for (else 200 ms), as the player apps do.
/// </summary>
public sealed class GatewayClient : IDisposable
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan DefaultBackoff = TimeSpan.FromMilliseconds(200);
    private readonly HttpClient _http;
    private readonly EventLedger _ledger;
    private readonly AnswerTally _answers;

    public GatewayClient(Uri gateway, string serviceToken, EventLedger ledger, AnswerTally answers)
    {
        _http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", serviceToken);
        _ledger = ledger;
        _answers = answers;
    }

    /// <summary>Sends <paramref name="events"/> until acknowledged (true) or <see cref="GiveUpAfter"/> passed (false).</summary>
    public async Task<bool> DeliverAsync(IReadOnlyList<PlannedEvent> events)
    {
        _ledger.Sent(events);
        var body = Serialize(events);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var wait = DefaultBackoff;
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await _http.PostAsync("v1/events", content);
                _answers.Add(response.StatusCode, response.Headers.RetryAfter is not null);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    _ledger.Acknowledged(events);
                    return true;
                }
                if (response.StatusCode == HttpStatusCode.BadRequest)
                {
                    throw new InvalidOperationException("The gateway rejected a planned event: " + await response.Content.ReadAsStringAsync());
                }
                if (response.Headers.RetryAfter?.Delta is { } delta)
                {
                    wait = delta < TimeSpan.FromSeconds(1) ? delta : TimeSpan.FromSeconds(1);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                _answers.AddFailure();
            }
            if (clock.Elapsed > GiveUpAfter)
            {
                return false;
            }
            await Task.Delay(wait);
        }
    }

    public void Dispose() => _http.Dispose();

    private static byte[] Serialize(IReadOnlyList<PlannedEvent> events)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            json.WriteStartObject();
            json.WriteStartArray("events");
            foreach (var e in events)
            {
                json.WriteStartObject();
                json.WriteString("eventId", e.EventId);
                json.WriteString("userId", e.UserId);
                json.WriteString("trackId", e.TrackId);
                json.WriteString("sessionId", e.UserId + "-s");
                json.WriteString("kind", ListeningEventKindNames.ToWire(ListeningEventKind.PlayEnded));
                json.WriteString("occurredAt", now);
                json.WriteNumber("msPlayed", 200_000);
                json.WriteNumber("trackDurationMs", 210_000);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
