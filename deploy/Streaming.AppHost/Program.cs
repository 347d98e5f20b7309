using Microsoft.Extensions.Configuration;
using Streaming.AppHost;
using Streaming.AppHost.Supervision;

// The whole system on one machine without Docker: redis-server and rabbitmq-server as executables,
// the librdkafka mock cluster as the dev broker, then the catalog build and every service.
// Services, workers, Redis and RabbitMQ that crash are started again (ResourceSupervisor), as Kubernetes would.
var builder = DistributedApplication.CreateBuilder(args).AddResourceSupervisor();
var stack = builder.Configuration.GetSection("DevStack").Get<DevStackOptions>() ?? new DevStackOptions();
var state = DevStackPaths.Resolve(stack);

var redis = builder.AddDevRedis(stack, state);
var rabbitMq = builder.AddDevRabbitMq(stack, state);
var kafka = builder.AddDevKafka(stack);

var catalogBuild = builder.AddProject<Projects.Streaming_Catalog>("catalog-build", launchProfileName: null)
    .WithArgs(ctx =>
    {
        ctx.Args.Add("build");
        foreach (var arg in stack.CatalogBuildArgs.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            ctx.Args.Add(arg);
        }
        ctx.Args.Add("--out");
        ctx.Args.Add(state.Snapshots);
        ctx.Args.Add("--publish");
    })
    .WithStreamingDependencies(stack, state, redis, rabbitMq, kafka: null);

builder.AddProject<Projects.Streaming_Catalog>("catalog", launchProfileName: null)
    .WithRestartOnFailure()
    .WithHttpEndpoint(port: stack.CatalogPort, isProxied: false)
    .WithHttpHealthCheck("/health/ready")
    .WithStreamingDependencies(stack, state, redis, rabbitMq, kafka: null)
    .WaitForCompletion(catalogBuild);

builder.AddProject<Projects.Streaming_Gateway>("gateway", launchProfileName: null)
    .WithRestartOnFailure()
    .WithHttpEndpoint(port: stack.GatewayPort, isProxied: false)
    .WithHttpHealthCheck("/health/ready")
    .WithStreamingDependencies(stack, state, redis: null, rabbitMq: null, kafka);

for (var replica = 1; replica <= stack.TasteWorkerReplicas; replica++)
{
    builder.AddProject<Projects.Streaming_TasteWorker>($"taste-worker-{replica}", launchProfileName: null)
        .WithRestartOnFailure()
        .WithHttpEndpoint(port: stack.TasteWorkerPort + (replica - 1) * 10, isProxied: false)
        .WithHttpHealthCheck("/health/ready")
        .WithEnvironment("OTEL_SERVICE_NAME", "taste-worker")
        .WithEnvironment("Kafka__Consumer__GroupId", "taste-worker")
        .WithStreamingDependencies(stack, state, redis, rabbitMq, kafka)
        .WaitForCompletion(catalogBuild);
}

builder.AddProject<Projects.Streaming_Recommender>("recommender", launchProfileName: null)
    .WithRestartOnFailure()
    .WithHttpEndpoint(port: stack.RecommenderPort, isProxied: false)
    .WithHttpHealthCheck("/health/ready")
    .WithStreamingDependencies(stack, state, redis, rabbitMq, kafka: null)
    .WaitForCompletion(catalogBuild);

builder.Build().Run();
