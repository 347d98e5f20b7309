using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Streaming.ServiceDefaults;

namespace Streaming.Security;

public static class StreamingRateLimitingExtensions
{
    /// <summary>The rate limiter policy endpoints opt into with <c>RequireRateLimiting(PerClientPolicy)</c>.</summary>
    public const string PerClientPolicy = "per-client";

    /// <summary>
    /// Registers the per-client token-bucket policy (<see cref="ClientRateLimitOptions"/>, validated on start).
    /// Rejections answer 429 with <c>Retry-After</c> and a problem-details body.
    /// </summary>
    public static IHostApplicationBuilder AddStreamingRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ClientRateLimitOptions>(ClientRateLimitOptions.Section);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PerClientPolicy, Partition);
            limiter.OnRejected = OnRejectedAsync;
        });
        return builder;
    }

    /// <summary>
    /// Load shedding when registered (before anything costs CPU), authentication, then rate limiting (partitions need
    /// the caller's <c>sub</c>), then authorization.
    /// </summary>
    public static IApplicationBuilder UseStreamingSecurity(this IApplicationBuilder app)
    {
        app.UseStreamingLoadShedding();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>The partition key of a request: <c>service:NAME</c>, <c>user:ID</c> or <c>anon:ADDRESS</c>.</summary>
    public static string PartitionKey(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && user.SubjectId() is { } sub)
        {
            return (user.IsService() ? "service:" : "user:") + sub;
        }
        return "anon:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<ClientRateLimitOptions>>().Value;
        if (!options.Enabled)
        {
            return RateLimitPartition.GetNoLimiter("disabled");
        }
        var key = PartitionKey(context);
        var service = key.StartsWith("service:", StringComparison.Ordinal);
        var perSecond = service ? options.ServiceRequestsPerSecond : options.UserRequestsPerSecond;
        var burst = service ? options.ServiceBurst : options.UserBurst;
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(burst, 1),
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        await RetryAfterProblem.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, seconds, "Too many requests",
            $"Rate limit of this client reached; retry after {seconds} s.").ConfigureAwait(false);
    }
}
