namespace Streaming.Replay.Cli;

/// <summary>Waits for <c>/health/ready</c> of each service, so a replay started with the stack does not fail on its first request.</summary>
public static class ServiceReadiness
{
    public static async Task WaitAsync(IEnumerable<string> baseUrls, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        foreach (var baseUrl in baseUrls)
        {
            var url = new Uri(new Uri(baseUrl), "health/ready");
            string? last = null;
            while (true)
            {
                try
                {
                    using var response = await http.GetAsync(url, cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        break;
                    }
                    last = $"{(int)response.StatusCode}";
                }
                catch (HttpRequestException e)
                {
                    last = e.Message;
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    last = "timeout";
                }
                if (DateTime.UtcNow > deadline)
                {
                    throw new UsageException($"{url} is not ready ({last}). Start the stack first (bash run.sh) or pass --gateway/--recommender.");
                }
                await Task.Delay(1000, cancellationToken);
            }
        }
    }
}
