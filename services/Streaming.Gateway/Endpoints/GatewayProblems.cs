using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Streaming.Gateway.Api;

namespace Streaming.Gateway.Endpoints;

/// <summary>
/// Every non-2xx answer of the gateway is problem details (RFC 9457). <c>type</c> names the case;
/// batch answers carry <c>accepted</c>, <c>rejected</c> ([{index, field, reason, detail}]) and, on 503,
/// <c>notStored</c> (indexes to send again).
/// </summary>
internal static class GatewayProblems
{
    private const string TypePrefix = "https://streaming.example/problems/";

    public static ProblemHttpResult MalformedBody(MalformedBody body)
    {
        var problem = Create(StatusCodes.Status400BadRequest, "malformed-body", "Malformed request body", body.Detail);
        if (body.LineNumber is { } line)
        {
            problem.Extensions["lineNumber"] = line;
        }
        if (body.BytePositionInLine is { } position)
        {
            problem.Extensions["bytePositionInLine"] = position;
        }
        if (body.Path is { } path)
        {
            problem.Extensions["path"] = path;
        }
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult NoValidEvents(List<EventRejection> rejected)
    {
        var problem = Create(StatusCodes.Status400BadRequest, "no-valid-events", "No valid events",
            "Every event of the batch was rejected; see 'rejected'.");
        problem.Extensions["accepted"] = 0;
        problem.Extensions["rejected"] = rejected;
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult ForbiddenUser(List<EventRejection> rejected)
    {
        var problem = Create(StatusCodes.Status403Forbidden, "forbidden-user", "Events of another user",
            "A user token may post events of its own user id only; nothing of this batch was stored.");
        problem.Extensions["accepted"] = 0;
        problem.Extensions["rejected"] = rejected;
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult ForbiddenErasure() =>
        TypedResults.Problem(Create(StatusCodes.Status403Forbidden, "forbidden-user", "Erasure of another user",
            "A user token may erase its own user only."));

    public static ProblemHttpResult InvalidUserId(string rule) =>
        TypedResults.Problem(Create(StatusCodes.Status400BadRequest, "invalid-user-id", "Invalid user id", $"userId must be {rule}."));

    public static ProblemHttpResult TooLarge(long maxBytes) =>
        TypedResults.Problem(Create(StatusCodes.Status413PayloadTooLarge, "body-too-large", "Request body too large",
            $"The body may be at most {maxBytes} bytes; send fewer events per batch."));

    public static ProblemHttpResult UnsupportedMediaType() =>
        TypedResults.Problem(Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported media type",
            "Send the batch as application/json."));

    /// <summary>503 with <c>Retry-After</c>: Kafka did not acknowledge <paramref name="notStored"/> (batch indexes).</summary>
    public static ProblemHttpResult NotStored(HttpResponse response, int retryAfterSeconds, int stored, IReadOnlyList<int> notStored, List<EventRejection> rejected)
    {
        response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var problem = Create(StatusCodes.Status503ServiceUnavailable, "kafka-unavailable", "Events not stored",
            "Kafka did not acknowledge the events listed in 'notStored'; send them again after Retry-After. " +
            "Re-sending the whole batch is safe too: events are de-duplicated by eventId.");
        problem.Extensions["accepted"] = stored;
        problem.Extensions["notStored"] = notStored as List<int> ?? [.. notStored];
        problem.Extensions["rejected"] = rejected;
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult ErasureNotStored(HttpResponse response, int retryAfterSeconds)
    {
        response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(Create(StatusCodes.Status503ServiceUnavailable, "kafka-unavailable", "Erasure not stored",
            "Kafka did not acknowledge the erasure; send the request again after Retry-After."));
    }

    private static ProblemDetails Create(int status, string type, string title, string detail) => new()
    {
        Status = status,
        Type = TypePrefix + type,
        Title = title,
        Detail = detail,
    };
}
