using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Streaming.Security;

/// <summary>
/// One <see cref="ConcurrencyLimiter"/> per process over the endpoints marked <c>ShedWhenOverloaded()</c>: a request
/// that finds no permit (and no room in the queue) is answered 503 with <c>Retry-After</c> and problem details, and
/// counted (<see cref="LoadSheddingMetrics"/>). The middleware runs before authentication, so a shed request costs
/// no token validation.
/// </summary>
public sealed class LoadShedder : IDisposable
{
    private readonly LoadSheddingOptions _options;
    private readonly LoadSheddingMetrics _metrics;
    private readonly ConcurrencyLimiter _limiter;

    public LoadShedder(IOptions<LoadSheddingOptions> options, LoadSheddingMetrics metrics)
    {
        _options = options.Value;
        _metrics = metrics;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _options.EffectiveMaxConcurrentRequests,
            QueueLimit = _options.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var endpoint = context.GetEndpoint();
        if (!_options.Enabled || endpoint?.Metadata.GetMetadata<ShedWhenOverloadedMetadata>() is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        using var lease = await _limiter.AcquireAsync(1, context.RequestAborted).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            _metrics.Shed.Add(1, new KeyValuePair<string, object?>("http.route", (endpoint as RouteEndpoint)?.RoutePattern.RawText));
            await RejectAsync(context).ConfigureAwait(false);
            return;
        }
        _metrics.InFlight.Add(1);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            _metrics.InFlight.Add(-1);
        }
    }

    private Task RejectAsync(HttpContext context) => RetryAfterProblem.WriteAsync(
        context, StatusCodes.Status503ServiceUnavailable, _options.RetryAfterSeconds, "Over capacity",
        $"The service is serving its maximum of {_options.EffectiveMaxConcurrentRequests} requests at once; retry after {_options.RetryAfterSeconds} s.");

    public void Dispose() => _limiter.Dispose();
}
