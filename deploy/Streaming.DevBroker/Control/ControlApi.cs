using Confluent.Kafka;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Streaming.DevBroker.Control;

/// <summary>Localhost HTTP API for fault injection from tests and scripts.</summary>
public static class ControlApi
{
    public static IEndpointRouteBuilder MapDevBrokerControlApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", Health);
        endpoints.MapGet("/topics", (DevBrokerRuntime runtime) => TypedResults.Ok(Topics(runtime)));
        endpoints.MapPost("/topics", CreateTopic);
        endpoints.MapPost("/brokers/{id:int}/down", (int id, DevBrokerRuntime runtime, ILogger<DevBrokerRuntime> logger) =>
            SetBrokerUp(id, up: false, runtime, logger));
        endpoints.MapPost("/brokers/{id:int}/up", (int id, DevBrokerRuntime runtime, ILogger<DevBrokerRuntime> logger) =>
            SetBrokerUp(id, up: true, runtime, logger));
        endpoints.MapPost("/brokers/{id:int}/rtt", SetRtt);
        endpoints.MapPost("/errors", PushErrors);
        endpoints.MapDelete("/errors/{apiKey}", ClearErrors);
        endpoints.MapPost("/leaders", SetLeader);
        return endpoints;
    }

    private static Ok<HealthStatus> Health(DevBrokerRuntime runtime)
    {
        var brokers = runtime.Forwarders
            .Select(f => new BrokerStatus(
                f.BrokerId,
                runtime.Cluster.IsBrokerUp(f.BrokerId),
                $"{runtime.BootstrapServers.Split(',')[f.BrokerId - 1]}",
                f.Upstream.ToString()))
            .ToList();
        return TypedResults.Ok(new HealthStatus("ok", runtime.BootstrapServers, brokers, Topics(runtime)));
    }

    private static List<TopicStatus> Topics(DevBrokerRuntime runtime) =>
        runtime.Cluster.Topics.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new TopicStatus(t.Key, t.Value)).ToList();

    private static Results<Created<TopicStatus>, BadRequest<ControlError>, Conflict<ControlError>> CreateTopic(
        CreateTopicRequest request, DevBrokerRuntime runtime, ILogger<DevBrokerRuntime> logger)
    {
        if (!TopicSpec.IsValidName(request.Name))
        {
            return TypedResults.BadRequest(new ControlError($"invalid topic name '{request.Name}'"));
        }

        if (request.Partitions is < 1 or > TopicSpec.MaxPartitions)
        {
            return TypedResults.BadRequest(new ControlError($"partitions must be 1..{TopicSpec.MaxPartitions}"));
        }

        var replication = request.ReplicationFactor ?? runtime.DefaultReplicationFactor;
        if (replication < 1 || replication > runtime.Cluster.BrokerCount)
        {
            return TypedResults.BadRequest(new ControlError($"replicationFactor must be 1..{runtime.Cluster.BrokerCount}"));
        }

        var error = runtime.Cluster.CreateTopic(request.Name, request.Partitions, replication);
        switch (error)
        {
            case ErrorCode.NoError:
                DevBrokerLog.TopicCreated(logger, request.Name, request.Partitions);
                return TypedResults.Created($"/topics/{request.Name}", new TopicStatus(request.Name, request.Partitions));
            case ErrorCode.TopicAlreadyExists:
                return TypedResults.Conflict(new ControlError($"topic '{request.Name}' already exists"));
            default:
                DevBrokerLog.TopicNotCreated(logger, request.Name, error.ToString());
                return TypedResults.BadRequest(new ControlError(error.ToString()));
        }
    }

    private static Results<Ok<ControlResult>, NotFound<ControlError>, BadRequest<ControlError>> SetBrokerUp(
        int id, bool up, DevBrokerRuntime runtime, ILogger logger)
    {
        if (!runtime.Cluster.IsValidBroker(id, allowAll: true))
        {
            return TypedResults.NotFound(new ControlError($"no broker {id} (1..{runtime.Cluster.BrokerCount}, or -1 for all)"));
        }

        var error = runtime.Cluster.SetBrokerUp(id, up);
        if (error != ErrorCode.NoError)
        {
            return TypedResults.BadRequest(new ControlError(error.ToString()));
        }

        var state = up ? "up" : "down";
        DevBrokerLog.BrokerStateChanged(logger, id, state);
        return TypedResults.Ok(new ControlResult($"broker {id} {state}"));
    }

    private static Results<Ok<ControlResult>, NotFound<ControlError>, BadRequest<ControlError>> SetRtt(
        int id, SetRttRequest request, DevBrokerRuntime runtime, ILogger<DevBrokerRuntime> logger)
    {
        if (!runtime.Cluster.IsValidBroker(id, allowAll: true))
        {
            return TypedResults.NotFound(new ControlError($"no broker {id}"));
        }

        if (request.RttMs < 0)
        {
            return TypedResults.BadRequest(new ControlError("rttMs must be >= 0"));
        }

        var error = runtime.Cluster.SetBrokerRtt(id, request.RttMs);
        if (error != ErrorCode.NoError)
        {
            return TypedResults.BadRequest(new ControlError(error.ToString()));
        }

        DevBrokerLog.RttSet(logger, id, request.RttMs);
        return TypedResults.Ok(new ControlResult($"broker {id} rtt {request.RttMs} ms"));
    }

    private static Results<Ok<ControlResult>, BadRequest<ControlError>> PushErrors(
        PushRequestErrorsRequest request, DevBrokerRuntime runtime, ILogger<DevBrokerRuntime> logger)
    {
        if (request.ApiKey < 0 || request.Errors is not { Length: > 0 })
        {
            return TypedResults.BadRequest(new ControlError("apiKey >= 0 and a non-empty errors array are required"));
        }

        var errors = request.Errors.Select(e => (ErrorCode)e).ToList();
        runtime.Cluster.PushRequestErrors(request.ApiKey, errors);
        DevBrokerLog.RequestErrorsPushed(logger, errors.Count, request.ApiKey, string.Join(',', errors));
        return TypedResults.Ok(new ControlResult($"{errors.Count} error(s) queued for ApiKey {request.ApiKey}"));
    }

    private static Results<Ok<ControlResult>, BadRequest<ControlError>> ClearErrors(
        short apiKey, DevBrokerRuntime runtime, ILogger<DevBrokerRuntime> logger)
    {
        if (apiKey < 0)
        {
            return TypedResults.BadRequest(new ControlError("apiKey must be >= 0"));
        }

        runtime.Cluster.ClearRequestErrors(apiKey);
        DevBrokerLog.RequestErrorsCleared(logger, apiKey);
        return TypedResults.Ok(new ControlResult($"errors cleared for ApiKey {apiKey}"));
    }

    private static Results<Ok<ControlResult>, NotFound<ControlError>, BadRequest<ControlError>> SetLeader(
        SetLeaderRequest request, DevBrokerRuntime runtime, ILogger<DevBrokerRuntime> logger)
    {
        if (!runtime.Cluster.Topics.TryGetValue(request.Topic, out var partitions)
            || request.Partition < 0 || request.Partition >= partitions)
        {
            return TypedResults.NotFound(new ControlError($"no partition {request.Topic}[{request.Partition}]"));
        }

        if (!runtime.Cluster.IsValidBroker(request.BrokerId, allowAll: false) && request.BrokerId != -1)
        {
            return TypedResults.NotFound(new ControlError($"no broker {request.BrokerId}"));
        }

        var error = runtime.Cluster.SetPartitionLeader(request.Topic, request.Partition, request.BrokerId);
        if (error != ErrorCode.NoError)
        {
            return TypedResults.BadRequest(new ControlError(error.ToString()));
        }

        DevBrokerLog.LeaderSet(logger, request.Topic, request.Partition, request.BrokerId);
        return TypedResults.Ok(new ControlResult($"{request.Topic}[{request.Partition}] leader {request.BrokerId}"));
    }
}
