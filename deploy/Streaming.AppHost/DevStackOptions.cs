namespace Streaming.AppHost;

/// <summary>
/// Fixed local ports and folders of the dev stack (section <c>DevStack</c>), so the run script, the
/// replay and a developer's curl all know where things are.
/// </summary>
internal sealed record DevStackOptions
{
    public int RedisPort { get; init; } = 16379;
    public int KafkaPort { get; init; } = 19092;
    public int RabbitMqPort { get; init; } = 16572;
    public int RabbitMqDistributionPort { get; init; } = 16573;
    public int GatewayPort { get; init; } = 5101;
    public int RecommenderPort { get; init; } = 5102;
    public int CatalogPort { get; init; } = 5103;
    public int TasteWorkerPort { get; init; } = 5104;
    public int DevBrokerControlPort { get; init; } = 5109;

    /// <summary>Where Redis, RabbitMQ and catalog snapshots keep their files (default: .run/ in the repo).</summary>
    public string? StateDirectory { get; init; }

    /// <summary>Catalog build arguments: the synthetic catalog by default, real data when the run script finds it.</summary>
    public string CatalogBuildArgs { get; init; } = "--synthetic --seed 42";

    /// <summary>Dev-only signing key for player/service tokens; production reads a Secret.</summary>
    public string SigningKey { get; init; } = "dev-only-signing-key-not-for-production-0123456789";

    /// <summary>How many taste-worker replicas share the consumer group.</summary>
    public int TasteWorkerReplicas { get; init; } = 2;
}
