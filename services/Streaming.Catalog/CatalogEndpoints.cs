using Streaming.Catalog.Additions;
using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Hosting;
using Streaming.Security;

namespace Streaming.Catalog;

public static class CatalogEndpoints
{
    /// <summary>
    /// Reads (anonymous): GET /v1/tracks/{id}, GET /v1/tracks?artist=&amp;title=, GET /v1/catalog/version.
    /// Writes (service tokens, one at a time): POST /v1/catalog/tracks, POST /v1/catalog/rollback, POST /v1/catalog/publish?version=.
    /// Each request reads the holder once, so a swap mid-request cannot mix versions.
    /// </summary>
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/tracks/{id}", (string id, CatalogSnapshotHolder holder) =>
        {
            if (!TrackIdentity.IsValidTrackId(id))
            {
                return Results.Problem($"Track id must be {TrackIdentity.IdRule}.", statusCode: StatusCodes.Status400BadRequest);
            }
            if (holder.Current is not { } snapshot)
            {
                return NotLoaded();
            }
            var row = snapshot.IndexOf(id);
            return row < 0 ? Results.NotFound() : Results.Ok(ToResponse(snapshot, row));
        });

        app.MapGet("/v1/tracks", (string? artist, string? title, CatalogSnapshotHolder holder) =>
        {
            if (string.IsNullOrWhiteSpace(artist) || string.IsNullOrWhiteSpace(title))
            {
                return Results.Problem("Query parameters 'artist' and 'title' are required.", statusCode: StatusCodes.Status400BadRequest);
            }
            if (holder.Current is not { } snapshot)
            {
                return NotLoaded();
            }
            var row = snapshot.IndexOfName(artist, title);
            return row < 0 ? Results.NotFound() : Results.Ok(ToResponse(snapshot, row));
        });

        app.MapGet("/v1/catalog/version", (CatalogSnapshotHolder holder) =>
            holder.Current is not { } s
                ? NotLoaded()
                : Results.Ok(new CatalogVersionResponse(s.Version, s.SpaceId, s.Dimensions, s.Count, s.VectorCount, s.CreatedAt, s.FileName,
                    s.Properties.Where(p => p.Key != "holdout.pids").ToDictionary(p => p.Key, p => p.Value))));

        // Writes change what every replica serves: service tokens only (401 without a token, 403 for a user token).
        var writes = app.MapGroup("/v1/catalog")
            .RequireAuthorization(StreamingPolicies.Service)
            .RequireRateLimiting(StreamingRateLimitingExtensions.PerClientPolicy);

        writes.MapPost("/tracks", AddTracksEndpoint.PostAsync);

        writes.MapPost("/rollback", async (HttpContext http, CatalogPublisher publisher, CatalogWriteLock writeLock) =>
        {
            await using var held = await writeLock.TryAcquireAsync(http.RequestAborted);
            if (held is null)
            {
                return CatalogProblems.Unavailable(http.Response, "Another catalog write is still running; retry shortly.");
            }
            var result = await publisher.RollbackAsync(http.RequestAborted);
            return result is not { } r
                ? Results.Problem("There is no version before the current one.", statusCode: StatusCodes.Status409Conflict)
                : Results.Ok(new RollbackResponse(r.From, r.To.Version, r.To.SpaceId));
        });

        writes.MapPost("/publish", async (string? version, HttpContext http, CatalogPublisher publisher, CatalogSnapshotStore store, CatalogWriteLock writeLock) =>
        {
            version ??= store.NewestVersion();
            if (version is null || !CatalogSnapshot.IsValidVersion(version) || !store.Exists(version))
            {
                return Results.Problem($"No snapshot '{version}' in the snapshot directory.", statusCode: StatusCodes.Status404NotFound);
            }
            await using var held = await writeLock.TryAcquireAsync(http.RequestAborted);
            if (held is null)
            {
                return CatalogProblems.Unavailable(http.Response, "Another catalog write is still running; retry shortly.");
            }
            var message = await publisher.PublishAsync(version, http.RequestAborted);
            return Results.Ok(new PublishResponse(message.Version, message.SpaceId, message.TrackCount, message.SnapshotFile));
        });
        return app;
    }

    private static IResult NotLoaded() =>
        Results.Problem("No catalog snapshot is loaded yet.", statusCode: StatusCodes.Status503ServiceUnavailable);

    private static TrackResponse ToResponse(CatalogSnapshot snapshot, int row)
    {
        var t = snapshot.Tracks[row];
        return new TrackResponse(t.Id, t.Artist, t.Title, t.Album, t.Genre, t.Popularity, snapshot.HasVector(row), snapshot.Version);
    }
}
