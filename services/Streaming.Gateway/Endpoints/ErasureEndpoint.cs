using Microsoft.Extensions.Options;
using Streaming.Contracts;
using Streaming.Contracts.Events;
using Streaming.Gateway.Api;
using Streaming.Gateway.Publishing;
using Streaming.Gateway.Telemetry;
using Streaming.Security;

namespace Streaming.Gateway.Endpoints;

/// <summary>
/// <c>DELETE /v1/users/{userId}</c>: produces a <see cref="UserErasure"/> keyed by the user id, so it lands
/// on the user's partition after everything the user sent. 202 once Kafka acknowledged it; 400 bad id;
/// 403 another user's id with a user token; 503 + Retry-After when Kafka did not acknowledge.
/// </summary>
internal static class ErasureEndpoint
{
    public static async Task<IResult> DeleteUserAsync(
        string userId, HttpContext http, ListeningEventPublisher publisher, IOptions<GatewayOptions> options,
        TimeProvider time, ILogger<ListeningEventPublisher> logger)
    {
        if (!Identifiers.IsValid(userId))
        {
            return GatewayProblems.InvalidUserId(Identifiers.Rule);
        }
        if (!http.User.CanActForUser(userId))
        {
            return GatewayProblems.ForbiddenErasure();
        }
        var erasure = new UserErasure
        {
            ErasureId = "erasure-" + Guid.CreateVersion7().ToString("N"),
            UserId = userId,
            RequestedAt = time.GetUtcNow(),
        };
        if (await publisher.PublishErasureAsync(erasure) is not null)
        {
            return GatewayProblems.ErasureNotStored(http.Response, options.Value.RetryAfterSeconds);
        }
        GatewayLog.ErasureStored(logger, erasure.ErasureId, userId, publisher.Topic);
        return TypedResults.Accepted((string?)null, new ErasureAccepted(erasure.ErasureId, userId, erasure.RequestedAt));
    }
}
