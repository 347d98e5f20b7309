using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
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

    private async Task RejectAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = _options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var problems = context.RequestServices.GetService<IProblemDetailsService>();
        if (problems is not null)
        {
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "Over capacity",
                    Detail = $"The service is serving its maximum of {_options.EffectiveMaxConcurrentRequests} requests at once; retry after {_options.RetryAfterSeconds} s.",
                },
            }).ConfigureAwait(false);
        }
    }

    public void Dispose() => _limiter.Dispose();
}
