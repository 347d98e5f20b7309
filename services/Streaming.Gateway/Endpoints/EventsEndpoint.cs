using Microsoft.Extensions.Options;
using Streaming.Contracts.Events;
using Streaming.Gateway.Api;
using Streaming.Gateway.Publishing;
using Streaming.Gateway.Telemetry;
using Streaming.Gateway.Validation;
using Streaming.Security;

namespace Streaming.Gateway.Endpoints;

/// <summary>
/// <c>POST /v1/events</c>. Answers (see GatewayProblems for bodies):
/// 202 {accepted, rejected} when at least one event was valid and every valid one is durable in Kafka;
/// 400 when none was valid (per-event list) or the body is not a batch (with the JSON error position);
/// 403 when a user token posts another user's events (nothing stored); 413 body too large; 415 not JSON;
/// 503 + Retry-After when Kafka did not acknowledge some valid events (<c>notStored</c> indexes).
/// </summary>
internal static class EventsEndpoint
{
    public static Task<IResult> PostEventsAsync(
        HttpContext http, ListeningEventPublisher publisher, IOptions<GatewayOptions> options, GatewayMetrics metrics,
        TimeProvider time, ILogger<ListeningEventPublisher> logger) =>
        HandleAsync(http, publisher.PublishAsync, options.Value, metrics, time, logger);

    /// <summary>The same pipeline (auth, rate limit, body, parse, validate, answer) minus Kafka: the benchmark's baseline.</summary>
    public static Task<IResult> PostNoopAsync(
        HttpContext http, IOptions<GatewayOptions> options, GatewayMetrics metrics, TimeProvider time, ILogger<ListeningEventPublisher> logger) =>
        HandleAsync(http, static events => Task.FromResult(new PublishOutcome(events.Count, [], null)), options.Value, metrics, time, logger);

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        Func<IReadOnlyList<(int Index, ListeningEvent Event)>, Task<PublishOutcome>> publish,
        GatewayOptions options,
        GatewayMetrics metrics,
        TimeProvider time,
        ILogger logger)
    {
        if (!http.Request.HasJsonContentType())
        {
            return GatewayProblems.UnsupportedMediaType();
        }
        using var body = await RequestBody.ReadAsync(http.Request, options.MaxRequestBodyBytes, http.RequestAborted);
        if (body is null)
        {
            return GatewayProblems.TooLarge(options.MaxRequestBodyBytes);
        }
        if (!EventBatchParser.TryParse(body.Memory, out var batch, out var malformed))
        {
            metrics.Rejected(RejectionReasons.MalformedBody);
            return GatewayProblems.MalformedBody(malformed!);
        }

        var user = http.User;
        var service = user.IsService();
        if (!service && ForeignEvents(batch, user.SubjectId()) is { Count: > 0 } foreign)
        {
            metrics.Rejected(RejectionReasons.ForbiddenUser, batch.Events.Count);
            GatewayLog.ForbiddenUser(logger, user.SubjectId() ?? "?", foreign.Count);
            return GatewayProblems.ForbiddenUser(foreign);
        }

        var window = EventTimeWindow.For(service, time.GetUtcNow(), options);
        var rejected = new List<EventRejection>(batch.Rejections);
        var valid = new List<(int Index, ListeningEvent Event)>(batch.Events.Count);
        for (var i = 0; i < batch.Events.Count; i++)
        {
            if (batch.Events[i] is not { } dto)
            {
                continue;
            }
            if (ListeningEventValidator.TryValidate(dto, window, out var value, out var error))
            {
                valid.Add((i, value));
            }
            else
            {
                rejected.Add(new EventRejection(i, error.Field, error.Reason, error.Detail));
            }
        }
        if (batch.Rejections.Count > 0)
        {
            rejected.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        }
        foreach (var r in rejected)
        {
            metrics.Rejected(r.Reason);
        }
        if (valid.Count == 0)
        {
            return GatewayProblems.NoValidEvents(rejected);
        }

        var outcome = await publish(valid);
        metrics.Accepted(outcome.Stored);
        if (!outcome.AllStored)
        {
            metrics.Rejected(RejectionReasons.NotStored, outcome.NotStored.Count);
            return GatewayProblems.NotStored(http.Response, options.RetryAfterSeconds, outcome.Stored, outcome.NotStored, rejected);
        }
        return TypedResults.Accepted((string?)null, new EventBatchAccepted(outcome.Stored, rejected));
    }

    /// <summary>Events whose userId is not the token's subject (a user token may post its own events only).</summary>
    private static List<EventRejection>? ForeignEvents(ParsedBatch batch, string? subject)
    {
        List<EventRejection>? foreign = null;
        for (var i = 0; i < batch.Events.Count; i++)
        {
            if (batch.Events[i]?.UserId is { } userId && !string.Equals(userId, subject, StringComparison.Ordinal))
            {
                (foreign ??= []).Add(new EventRejection(i, "userId", RejectionReasons.ForbiddenUser,
                    "userId differs from the token's subject"));
            }
        }
        return foreign;
    }
}
