using System.Diagnostics;
using System.Net;
using System.Threading.RateLimiting;
using Polly;
using Polly.Retry;
using Streaming.Replay.Metrics;

namespace Streaming.Replay.Live;

/// <summary>
/// One service's HTTP plumbing: bearer token, a client-side token bucket that keeps the replay under the
/// service's per-client rate limit, retries of transient answers (429/502/503/504, connection errors,
/// timeouts; honouring Retry-After), and the latency of every successful request.
/// </summary>
public sealed class ServiceHttpClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly RateLimiter _limiter;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly SampleRecorder _latency;
    private readonly Func<double> _clock;
    private long _requests;
    private long _retries;
    private long _rateLimited;

    public ServiceHttpClient(Uri baseAddress, string bearerToken, double requestsPerSecond, SampleRecorder latency, Func<double> clock)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 256,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken);
        var perTick = Math.Max(1, (int)Math.Ceiling(requestsPerSecond / 20));
        _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perTick * 2,
            TokensPerPeriod = perTick,
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(50),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
        _latency = latency;
        _clock = clock;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 12,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = TimeSpan.FromSeconds(5),
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException } => true,
                    { Exception: TaskCanceledException } => !args.Context.CancellationToken.IsCancellationRequested,
                    { Result: { } response } => IsTransient(response.StatusCode),
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result?.Headers.RetryAfter?.Delta is { } delta ? (TimeSpan?)Min(delta, TimeSpan.FromSeconds(10)) : null),
                OnRetry = args =>
                {
                    Interlocked.Increment(ref _retries);
                    if (args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests })
                    {
                        Interlocked.Increment(ref _rateLimited);
                    }
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .Build();
    }

    public Uri BaseAddress => _http.BaseAddress!;

    public long Requests => Interlocked.Read(ref _requests);

    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>429 answers: the service's rate limit was reached despite the client-side bucket.</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>Sends (a fresh request per attempt) and returns the final response; the caller disposes it.</summary>
    public Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(async token =>
        {
            using (var lease = await _limiter.AcquireAsync(1, token))
            {
                if (!lease.IsAcquired)
                {
                    throw new HttpRequestException("client-side rate limiter refused the request");
                }
            }
            Interlocked.Increment(ref _requests);
            var started = Stopwatch.GetTimestamp();
            var response = await _http.SendAsync(createRequest(), HttpCompletionOption.ResponseContentRead, token);
            if (response.IsSuccessStatusCode)
            {
                _latency.Add(_clock(), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            return response;
        }, cancellationToken).AsTask();

    public void Dispose()
    {
        _http.Dispose();
        _limiter.Dispose();
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.GatewayTimeout or HttpStatusCode.RequestTimeout;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
