using System.Net.Http.Headers;

namespace Streaming.FaultHarness.Load;

/// <summary>
/// Players asking for their next track: <c>GET /v1/users/{user}/next</c> at a steady rate for users drawn from
/// whoever is listening at the time, every answer tallied. Keeps the recommender's request path (Redis reads, index
/// search, ranking) running under a load test, as it runs in production beside the event stream.
/// </summary>
public sealed class NextTrackAsks : IDisposable
{
    private readonly HttpClient _http;
    private readonly AnswerTally _answers;

    public NextTrackAsks(Uri recommender, string serviceToken, AnswerTally answers)
    {
        _http = new HttpClient { BaseAddress = recommender, Timeout = TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", serviceToken);
        _answers = answers;
    }

    /// <summary>Asks <paramref name="perSecond"/> times a second until <paramref name="stop"/>, then waits for the answers in flight.</summary>
    /// <param name="listening">The users listening now (read at every ask).</param>
    public async Task RunAsync(Func<IReadOnlyList<string>> listening, int perSecond, CancellationToken stop)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        var random = new Random(17);
        var inFlight = new List<Task>();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / perSecond));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var users = listening();
                inFlight.Add(AskAsync(users[random.Next(users.Count)]));
                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        await Task.WhenAll(inFlight);
    }

    private async Task AskAsync(string userId)
    {
        try
        {
            using var response = await _http.GetAsync($"v1/users/{Uri.EscapeDataString(userId)}/next?count=10");
            _answers.Add(response.StatusCode, response.Headers.RetryAfter is not null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            _answers.AddFailure();
        }
    }

    public void Dispose() => _http.Dispose();
}
