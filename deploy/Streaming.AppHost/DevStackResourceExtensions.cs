using System.Globalization;
using Streaming.AppHost.Supervision;

namespace Streaming.AppHost;

/// <summary>The dev stack's infrastructure as Aspire resources (executables, no containers).</summary>
internal static class DevStackResourceExtensions
{
    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    public static DevDependency AddDevRedis(this IDistributedApplicationBuilder builder, DevStackOptions stack, DevStackPaths state)
    {
        // Append-only persistence so a restarted dev stack keeps the users' taste, like production.
        var process = builder.AddExecutable("redis", "redis-server", state.Redis,
            "--port", Port(stack.RedisPort), "--bind", "127.0.0.1", "--appendonly", "yes", "--save", "", "--dir", state.Redis,
            "--zset-max-listpack-entries", "32") // as in production: see shared/Streaming.TasteStore/README.md
            .WithRestartOnFailure();
        var connection = builder.AddConnectionString("redis-connection",
            ReferenceExpression.Create($"127.0.0.1:{Port(stack.RedisPort)},abortConnect=false"));
        return new DevDependency(process.AsResource(), connection);
    }

    public static DevDependency AddDevRabbitMq(this IDistributedApplicationBuilder builder, DevStackOptions stack, DevStackPaths state)
    {
        // A private node: its own name, ports and folders (the run script makes them writable by user rabbitmq).
        var process = builder.AddExecutable("rabbitmq", "rabbitmq-server", state.RabbitMq)
            .WithEnvironment("RABBITMQ_NODENAME", "streaming-dev@localhost")
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_NODE_PORT", Port(stack.RabbitMqPort))
            .WithEnvironment("RABBITMQ_DIST_PORT", Port(stack.RabbitMqDistributionPort))
            .WithEnvironment("RABBITMQ_MNESIA_BASE", Path.Combine(state.RabbitMq, "mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(state.RabbitMq, "log"))
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(state.RabbitMq, "enabled_plugins"))
            .WithRestartOnFailure();
        var connection = builder.AddConnectionString("rabbitmq-connection",
            ReferenceExpression.Create($"amqp://guest:guest@127.0.0.1:{Port(stack.RabbitMqPort)}/"));
        return new DevDependency(process.AsResource(), connection);
    }

    public static DevDependency AddDevKafka(this IDistributedApplicationBuilder builder, DevStackOptions stack)
    {
        // The control API listens on the Aspire endpoint (ASPNETCORE_URLS); its readiness = cluster up. Not restarted on
        // failure: the mock cluster keeps its log in memory, so a new one would start empty, offsets and records gone.
        var process = builder.AddProject<Projects.Streaming_DevBroker>("dev-broker", launchProfileName: null)
            .WithArgs("--port", Port(stack.KafkaPort))
            .WithHttpEndpoint(port: stack.DevBrokerControlPort, isProxied: false)
            .WithHttpHealthCheck("/health/ready")
            .WithEnvironment("OTEL_SERVICE_NAME", "dev-broker");
        var connection = builder.AddConnectionString("kafka-connection",
            ReferenceExpression.Create($"127.0.0.1:{Port(stack.KafkaPort)}"));
        return new DevDependency(process.AsResource(), connection);
    }

    private static IResourceBuilder<IResource> AsResource<T>(this IResourceBuilder<T> builder) where T : IResource =>
        (IResourceBuilder<IResource>)builder;

    /// <summary>Connection strings under the names the services read (kafka, redis, rabbitmq), waits, and shared settings.</summary>
    public static IResourceBuilder<ProjectResource> WithStreamingDependencies(
        this IResourceBuilder<ProjectResource> project,
        DevStackOptions stack,
        DevStackPaths state,
        DevDependency? redis,
        DevDependency? rabbitMq,
        DevDependency? kafka)
    {
        if (redis is not null)
        {
            project.WithEnvironment("ConnectionStrings__redis", redis.Connection.Resource.ConnectionStringExpression).WaitFor(redis.Process);
        }
        if (rabbitMq is not null)
        {
            project.WithEnvironment("ConnectionStrings__rabbitmq", rabbitMq.Connection.Resource.ConnectionStringExpression).WaitFor(rabbitMq.Process);
        }
        if (kafka is not null)
        {
            // auto.offset.reset stays "earliest": with "error" a brand-new consumer group gets no offset at all.
            // Falling off the dev broker's ~5 MiB window shows as consumer lag and offset-reset warnings instead.
            project.WithEnvironment("ConnectionStrings__kafka", kafka.Connection.Resource.ConnectionStringExpression)
                .WaitFor(kafka.Process);
        }
        return project
            .WithEnvironment("Catalog__SnapshotDirectory", state.Snapshots)
            .WithEnvironment("Auth__SigningKey", stack.SigningKey)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development");
    }
}
