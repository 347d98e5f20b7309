using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Streaming.Recommender.Endpoints;

/// <summary>Every non-2xx answer is problem details (RFC 9457); 400s list each bad parameter with its reason under <c>errors</c>.</summary>
internal static class RecommenderProblems
{
    private const string TypePrefix = "https://streaming.example/problems/";

    public static ValidationProblem InvalidParameters(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: "One or more parameters are invalid; see 'errors'.",
            title: "Invalid parameters", type: TypePrefix + "invalid-parameters");

    public static ProblemHttpResult ForbiddenUser() =>
        TypedResults.Problem(Create(StatusCodes.Status403Forbidden, "forbidden-user", "Another user's recommendations",
            "A user token may read its own user's answers only."));

    public static ProblemHttpResult UnknownTrack(string trackId) =>
        TypedResults.Problem(Create(StatusCodes.Status404NotFound, "unknown-track", "Unknown track",
            $"The catalog has no track '{trackId}'."));

    public static ProblemHttpResult NotReady(HttpResponse response)
    {
        response.Headers.RetryAfter = "5";
        return TypedResults.Problem(Create(StatusCodes.Status503ServiceUnavailable, "index-not-ready", "Index not ready",
            "The catalog snapshot and its nearest-neighbour index are still loading; retry after Retry-After."));
    }

    private static ProblemDetails Create(int status, string type, string title, string detail) => new()
    {
        Status = status,
        Type = TypePrefix + type,
        Title = title,
        Detail = detail,
    };
}
