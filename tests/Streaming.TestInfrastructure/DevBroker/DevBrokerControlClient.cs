using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Confluent.Kafka;

namespace Streaming.TestInfrastructure.DevBroker;

/// <summary>Typed client for the DevBroker control API (fault injection).</summary>
public sealed class DevBrokerControlClient(Uri baseAddress) : IDisposable
{
    public const int AllBrokers = -1;

    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public Uri BaseAddress => baseAddress;

    /// <summary>The broker closes its connections and refuses new ones (no leader change).</summary>
    public Task BrokerDownAsync(int brokerId = 1, CancellationToken cancellationToken = default) =>
        PostAsync($"brokers/{brokerId}/down", cancellationToken);

    public Task BrokerUpAsync(int brokerId = 1, CancellationToken cancellationToken = default) =>
        PostAsync($"brokers/{brokerId}/up", cancellationToken);

    public Task SetBrokerRttAsync(int brokerId, int rttMs, CancellationToken cancellationToken = default) =>
        PostAsync($"brokers/{brokerId}/rtt", new SetRttRequest(rttMs), DevBrokerJsonContext.Default.SetRttRequest, cancellationToken);

    /// <summary>Creates a topic (the mock broker has no CreateTopics admin API). Replication defaults to min(3, brokers).</summary>
    public Task CreateTopicAsync(string name, int partitions = 1, int? replicationFactor = null, CancellationToken cancellationToken = default) =>
        PostAsync("topics", new CreateTopicRequest(name, partitions, replicationFactor), DevBrokerJsonContext.Default.CreateTopicRequest, cancellationToken);

    /// <summary>The next requests of <paramref name="apiKey"/> fail with <paramref name="errors"/>, in order (cluster-wide).</summary>
    public Task PushRequestErrorsAsync(KafkaApiKey apiKey, params ErrorCode[] errors) =>
        PostAsync(
            "errors",
            new PushRequestErrorsRequest((short)apiKey, errors.Select(e => (int)e).ToArray()),
            DevBrokerJsonContext.Default.PushRequestErrorsRequest,
            CancellationToken.None);

    public async Task ClearRequestErrorsAsync(KafkaApiKey apiKey, CancellationToken cancellationToken = default)
    {
        using var response = await _http.DeleteAsync($"errors/{(short)apiKey}", cancellationToken);
        await EnsureSuccessAsync(response, $"DELETE errors/{(short)apiKey}", cancellationToken);
    }

    /// <summary>Moves the leader of a partition (-1 = leader-less).</summary>
    public Task SetLeaderAsync(string topic, int partition, int brokerId, CancellationToken cancellationToken = default) =>
        PostAsync("leaders", new SetLeaderRequest(topic, partition, brokerId), DevBrokerJsonContext.Default.SetLeaderRequest, cancellationToken);

    public async Task<DevBrokerHealth> GetHealthAsync(CancellationToken cancellationToken = default) =>
        await _http.GetFromJsonAsync("health", DevBrokerJsonContext.Default.DevBrokerHealth, cancellationToken)
        ?? throw new InvalidOperationException("Empty /health response from the DevBroker.");

    public void Dispose() => _http.Dispose();

    private async Task PostAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(path, content: null, cancellationToken);
        await EnsureSuccessAsync(response, $"POST {path}", cancellationToken);
    }

    private async Task PostAsync<T>(string path, T body, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(path, body, typeInfo, cancellationToken);
        await EnsureSuccessAsync(response, $"POST {path}", cancellationToken);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string request, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException(
                $"DevBroker {request} failed: {(int)response.StatusCode} {response.ReasonPhrase} {body}", null, response.StatusCode);
        }
    }
}
