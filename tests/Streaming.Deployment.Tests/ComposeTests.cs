using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Streaming.Contracts;
using Streaming.ServiceDefaults;
using static Streaming.Deployment.Tests.Manifests;

namespace Streaming.Deployment.Tests;

/// <summary>docker-compose.yml and the compose Prometheus config agree with the code and the conventions.</summary>
public sealed partial class ComposeTests
{
    [Fact]
    public void DotnetServices_PortsHealthChecksAndServiceNames_MatchConventions()
    {
        var port = Repository.ConventionContainerPort;
        foreach (var (name, service, info) in ComposeDotnetServices())
        {
            var env = ComposeEnv(service);
            Assert.Equal(info.Name, env.GetValueOrDefault("OTEL_SERVICE_NAME"));
            if (env.TryGetValue("ASPNETCORE_HTTP_PORTS", out var kestrel))
            {
                Assert.Equal(port.ToString(CultureInfo.InvariantCulture), kestrel);
            }
            if ((bool?)service["healthcheck"]?["disable"] == true)
            {
                Assert.True(service["command"] is not null, $"{name}: only one-shot jobs (with a command) may disable the health check");
                continue;
            }
            Assert.Equal(name, info.Name);
            var published = service["ports"]!.AsArray().Select(p => ((string)p!).Split(':')[^1]).ToList();
            Assert.Equal([port.ToString(CultureInfo.InvariantCulture)], published);
            var probe = string.Join(' ', service["healthcheck"]!["test"]!.AsArray().Select(t => (string?)t));
            Assert.Contains($"http://127.0.0.1:{port}{ServiceDefaultsExtensions.ReadyPath}", probe, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Kafka_RunsKRaftAndTopicInitCreatesContractTopics()
    {
        var kafka = ComposeService("kafka");
        Assert.StartsWith("apache/kafka:", (string?)kafka["image"]);
        Assert.Contains("controller", ComposeEnv(kafka)["KAFKA_PROCESS_ROLES"], StringComparison.Ordinal);
        Assert.Equal("false", ComposeEnv(kafka)["KAFKA_AUTO_CREATE_TOPICS_ENABLE"]);

        var script = string.Join('\n', ComposeService("kafka-init")["command"]!.AsArray().Select(c => (string?)c));
        var created = CreateTopic().Matches(script).ToDictionary(m => m.Groups["topic"].Value, m => int.Parse(m.Groups["partitions"].Value, CultureInfo.InvariantCulture));
        Assert.Equal(new[] { KafkaTopics.ListeningEvents, KafkaTopics.ListeningEventsDeadLetter }.Order(), created.Keys.Order());
        Assert.Equal(Repository.ConventionDevPartitions, created[KafkaTopics.ListeningEvents]);

        foreach (var user in new[] { "gateway", "taste-worker" })
        {
            Assert.Equal("service_completed_successfully", (string?)ComposeService(user)["depends_on"]?["kafka-init"]?["condition"]);
            Assert.Equal("kafka:9092", ComposeEnv(ComposeService(user))["ConnectionStrings__kafka"]);
        }
    }

    [Fact]
    public void Redis_PersistsToAVolume()
    {
        var redis = ComposeService("redis");
        var command = string.Join(' ', redis["command"]!.AsArray().Select(c => (string?)c));
        Assert.Contains("--appendonly yes", command, StringComparison.Ordinal);
        Assert.Contains(redis["volumes"]!.AsArray(), v => ((string)v!).EndsWith(":/data", StringComparison.Ordinal));
    }

    [Fact]
    public void Prometheus_ScrapesEveryServiceOnItsMetricsEndpoint()
    {
        var config = Tools.YamlDocuments("deploy/observability/prometheus/prometheus.yml").Single()!;
        var jobs = config["scrape_configs"]!.AsArray().Select(j => j!.AsObject()).ToList();
        Assert.Equal(Repository.Services.Select(s => s.Name).Order(), jobs.Select(j => (string)j["job_name"]!).Order());
        foreach (var job in jobs)
        {
            var name = (string)job["job_name"]!;
            Assert.Equal(ServiceDefaultsExtensions.MetricsPath, (string?)job["metrics_path"] ?? "/metrics");
            var targets = job["static_configs"]!.AsArray().SelectMany(s => s!["targets"]!.AsArray()).Select(t => (string)t!).ToList();
            Assert.Equal([$"{name}:{Repository.ConventionContainerPort}"], targets);
        }
        var mounts = ComposeService("prometheus")["volumes"]!.AsArray().Select(v => (string)v!).ToList();
        Assert.Contains(mounts, m => m.StartsWith("./deploy/observability/prometheus/prometheus.yml:", StringComparison.Ordinal));
        Assert.Contains(mounts, m => m.StartsWith("./deploy/observability/prometheus/alerts.yml:", StringComparison.Ordinal));
    }

    [Fact]
    public void DotnetServices_SendTelemetryToTheCollector()
    {
        var collector = ComposeService("otel-collector");
        Assert.Contains(collector["volumes"]!.AsArray(), v => ((string)v!).StartsWith("./deploy/observability/otel-collector.yaml:", StringComparison.Ordinal));
        foreach (var (name, service, _) in ComposeDotnetServices())
        {
            Assert.Equal("http://otel-collector:4317", ComposeEnv(service).GetValueOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT"));
            Assert.True((bool?)service["read_only"] == true, $"{name}: read_only root file system");
        }
    }

    [GeneratedRegex(@"--create\b[^\n]*?--topic\s+(?<topic>[A-Za-z0-9._-]+)[^\n]*?(?:\\\n[^\n]*?)*?--partitions\s+(?<partitions>\d+)")]
    private static partial Regex CreateTopic();
}
