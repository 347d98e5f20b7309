using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Streaming.Catalog.Additions;

namespace Streaming.Catalog;

/// <summary>
/// Problem details (RFC 9457) of the catalog's write endpoints; <c>type</c> names the case. A refused batch carries
/// <c>rejected</c> ([{index, id, field, reason, detail}]), as the gateway's event batches do.
/// </summary>
internal static class CatalogProblems
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

    public static ProblemHttpResult InvalidTracks(List<TrackRejection> rejected)
    {
        var problem = Create(StatusCodes.Status400BadRequest, "invalid-tracks", "Invalid tracks",
            "Nothing was added: fix the tracks listed in 'rejected' and send the batch again.");
        problem.Extensions["rejected"] = rejected;
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult TooLarge(long maxBytes) =>
        TypedResults.Problem(Create(StatusCodes.Status413PayloadTooLarge, "body-too-large", "Request body too large",
            $"The body may be at most {maxBytes} bytes; send at most {TrackAdditionLimits.MaxTracksPerRequest} tracks per request."));

    public static ProblemHttpResult UnsupportedMediaType() =>
        TypedResults.Problem(Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported media type",
            "Send the batch as application/json."));

    public static ProblemHttpResult Unavailable(HttpResponse response, string detail)
    {
        response.Headers.RetryAfter = "1";
        return TypedResults.Problem(Create(StatusCodes.Status503ServiceUnavailable, "catalog-unavailable", "Catalog not writable now", detail));
    }

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(Create(StatusCodes.Status409Conflict, "version-conflict", "No new version possible", detail));

    private static ProblemDetails Create(int status, string type, string title, string detail) => new()
    {
        Status = status,
        Type = TypePrefix + type,
        Title = title,
        Detail = detail,
    };
}
