using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StackExchange.Redis;
using Streaming.Recommender.Options;
using Streaming.Recommender.Telemetry;

namespace Streaming.Recommender.Taste;

/// <summary>
/// Resilience pipelines (Microsoft.Extensions.Resilience / Polly) around Redis reads. Requests: a circuit
/// breaker around a tight timeout, no retry (a retry does not fit a few-millisecond budget; the answer
/// degrades to the cached trending list instead). Background refreshes: a looser timeout only.
/// </summary>
public static class RedisPipelines
{
    public const string Request = "redis-request";
    public const string Background = "redis-background";

    public static IServiceCollection AddRedisPipelines(this IServiceCollection services)
    {
        services.AddResiliencePipeline(Request, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<RecommenderOptions>>().Value;
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(RecommenderTelemetry.Name);
            pipeline
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions
                {
                    FailureRatio = options.BreakerFailureRatio,
                    MinimumThroughput = options.BreakerMinimumThroughput,
                    SamplingDuration = options.BreakerSamplingDuration,
                    BreakDuration = options.BreakerBreakDuration,
                    ShouldHandle = new PredicateBuilder().Handle<RedisException>().Handle<TimeoutRejectedException>().Handle<TimeoutException>(),
                    OnOpened = args =>
                    {
                        RecommenderLog.CircuitOpened(logger, args.BreakDuration.TotalSeconds);
                        return default;
                    },
                    OnClosed = _ =>
                    {
                        RecommenderLog.CircuitClosed(logger);
                        return default;
                    },
                })
                .AddTimeout(options.RedisTimeout);
        });
        services.AddResiliencePipeline(Background, pipeline => pipeline.AddTimeout(TimeSpan.FromSeconds(2)));
        return services;
    }

    /// <summary>Short name of a failure for the <c>degraded</c> metric and the log.</summary>
    public static string ReasonOf(Exception e) => e switch
    {
        BrokenCircuitException => "circuit-open",
        TimeoutRejectedException or TimeoutException => "timeout",
        RedisConnectionException => "connection",
        _ => "error",
    };
}
