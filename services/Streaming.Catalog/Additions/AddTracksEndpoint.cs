using StackExchange.Redis;

namespace Streaming.Catalog.Additions;

/// <summary>
/// <c>POST /v1/catalog/tracks</c> (service tokens only). Answers: 200 <see cref="AddTracksResponse"/>; 400 malformed body
/// (with the JSON position) or invalid tracks (each named with field and reason; nothing added); 401/403 by the
/// authorization policy; 413 body too large; 415 not JSON; 409 no version name sorts after the newest; 503 + Retry-After
/// no current version, another write still running, or Redis unreachable.
/// </summary>
internal static class AddTracksEndpoint
{
    public static async Task<IResult> PostAsync(HttpContext http, TrackAppender appender)
    {
        if (!http.Request.HasJsonContentType())
        {
            return CatalogProblems.UnsupportedMediaType();
        }
        var body = await RequestBody.ReadAsync(http.Request, TrackAdditionLimits.MaxRequestBodyBytes, http.RequestAborted);
        if (body is null)
        {
            return CatalogProblems.TooLarge(TrackAdditionLimits.MaxRequestBodyBytes);
        }
        if (!AddTracksParser.TryParse(body, out var parsed, out var malformed))
        {
            return CatalogProblems.MalformedBody(malformed!);
        }
        var rejected = NewTrackValidator.Validate(parsed, out var tracks);
        if (rejected.Count > 0)
        {
            return CatalogProblems.InvalidTracks(rejected);
        }

        AppendOutcome outcome;
        try
        {
            outcome = await appender.AddAsync(tracks, http.RequestAborted);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return CatalogProblems.Unavailable(http.Response, "Redis (catalog:current) is unreachable; nothing was published.");
        }
        return outcome.Kind switch
        {
            AppendOutcomeKind.Done => TypedResults.Ok(outcome.Response!),
            AppendOutcomeKind.Unorderable => CatalogProblems.Conflict(outcome.Detail!),
            _ => CatalogProblems.Unavailable(http.Response, outcome.Detail!),
        };
    }
}
