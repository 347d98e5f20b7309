using System.Text.Json.Nodes;
using Streaming.Contracts;
using Streaming.ServiceDefaults;
using static Streaming.Deployment.Tests.Manifests;

namespace Streaming.Deployment.Tests;

/// <summary>The rendered kustomize overlays agree with the code and the conventions.</summary>
public sealed class KubernetesManifestTests
{
    private static readonly string[] PublicApis = ["gateway", "recommender"];

    [Fact]
    public void ServiceList_Names_AreConventionServiceNames()
    {
        var conventions = Repository.ConventionServiceNames;
        Assert.All(Repository.Services, s => Assert.Contains(s.Name, conventions));
    }

    [Theory]
    [MemberData(nameof(OverlayNames), MemberType = typeof(Manifests))]
    public void Deployments_Names_EqualServiceNamesAndOtelServiceName(string overlay)
    {
        foreach (var service in Repository.Services)
        {
            var container = Container(Single(overlay, "Deployment", service.Name), service.Name);
            Assert.Equal(service.Name, EnvValue(overlay, container, "OTEL_SERVICE_NAME"));
            Assert.EndsWith($"/{service.Name}", ImageName(container));
        }
    }

    [Theory]
    [MemberData(nameof(OverlayNames), MemberType = typeof(Manifests))]
    public void ContainerPorts_ServicePorts_EqualConventionPort(string overlay)
    {
        var port = Repository.ConventionContainerPort;
        foreach (var service in Repository.Services)
        {
            var container = Container(Single(overlay, "Deployment", service.Name), service.Name);
            var ports = container["ports"]!.AsArray().Select(p => (int)p!["containerPort"]!).ToList();
            Assert.True(ports.SequenceEqual([port]), $"{overlay}/{service}: container ports {string.Join(",", ports)}, conventions say {port}");
            var kestrel = EnvValue(overlay, container, "ASPNETCORE_HTTP_PORTS");
            Assert.True(kestrel is null || kestrel == port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{overlay}/{service}: ASPNETCORE_HTTP_PORTS={kestrel}, container port {port}");
        }
    }

    [Theory]
    [MemberData(nameof(OverlayNames), MemberType = typeof(Manifests))]
    public void Services_TargetPorts_ResolveToContainerPort(string overlay)
    {
        var checkedServices = 0;
        foreach (var svc in OfKind(overlay, "Service"))
        {
            var selector = svc["spec"]?["selector"]?.AsObject();
            var deployment = Repository.Services
                .Select(s => Single(overlay, "Deployment", s.Name))
                .FirstOrDefault(d => selector is not null && selector.All(kv => (string?)PodTemplate(d)["metadata"]!["labels"]![kv.Key] == (string?)kv.Value));
            if (deployment is null)
            {
                continue;
            }
            checkedServices++;
            var container = Container(deployment, Name(deployment));
            foreach (var port in svc["spec"]!["ports"]!.AsArray())
            {
                Assert.Equal(Repository.ConventionContainerPort, ResolvePort(container, port!["targetPort"] ?? port["port"]));
            }
        }
        Assert.True(checkedServices >= 3, $"{overlay}: expected Services for gateway, recommender and catalog, found {checkedServices}");
        Assert.All(new[] { "gateway", "recommender", "catalog" }, n => Single(overlay, "Service", n));
    }

    [Theory]
    [MemberData(nameof(OverlayNames), MemberType = typeof(Manifests))]
    public void Probes_Paths_EqualServiceDefaultsEndpoints(string overlay)
    {
        foreach (var service in Repository.Services)
        {
            var container = Container(Single(overlay, "Deployment", service.Name), service.Name);
            foreach (var (probe, path) in new[] { ("livenessProbe", ServiceDefaultsExtensions.LivePath), ("startupProbe", ServiceDefaultsExtensions.LivePath), ("readinessProbe", ServiceDefaultsExtensions.ReadyPath) })
            {
                var httpGet = container[probe]?["httpGet"];
                Assert.True(httpGet is not null, $"{overlay}/{service}: {probe} with httpGet is required");
                Assert.Equal(path, (string?)httpGet["path"]);
                Assert.Equal(Repository.ConventionContainerPort, ResolvePort(container, httpGet["port"]));
            }
        }
    }

    [Theory]
    [MemberData(nameof(OverlayNames), MemberType = typeof(Manifests))]
    public void ScrapeAnnotations_PointAtMetricsEndpoint(string overlay)
    {
        foreach (var service in Repository.Services)
        {
            var annotations = PodTemplate(Single(overlay, "Deployment", service.Name))["metadata"]?["annotations"];
            Assert.Equal("true", (string?)annotations?["prometheus.io/scrape"]);
            Assert.Equal(Repository.ConventionContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)annotations?["prometheus.io/port"]);
            Assert.Equal(ServiceDefaultsExtensions.MetricsPath, (string?)annotations?["prometheus.io/path"]);
        }
    }

    [Theory]
    [MemberData(nameof(OverlayNames), MemberType = typeof(Manifests))]
    public void KafkaTopics_Names_EqualContractTopics(string overlay)
    {
        var topics = OfKind(overlay, "KafkaTopic").Select(t => (string?)t["spec"]?["topicName"] ?? Name(t)).Order().ToList();
        Assert.Equal(new[] { KafkaTopics.ListeningEvents, KafkaTopics.ListeningEventsDeadLetter }.Order(), topics);
    }

    [Theory]
    [MemberData(nameof(OverlayNames), MemberType = typeof(Manifests))]
    public void TasteWorkerScaledObject_ScalesOnTheWorkersLagUpToPartitionCount(string overlay)
    {
        var scaledObject = Single(overlay, "ScaledObject", "taste-worker");
        var worker = Container(Single(overlay, "Deployment", "taste-worker"), "taste-worker");
        var spec = scaledObject["spec"]!;
        Assert.Equal("taste-worker", (string?)spec["scaleTargetRef"]!["name"]);
        var trigger = spec["triggers"]!.AsArray().Single(t => (string?)t!["type"] == "kafka")!["metadata"]!;
        Assert.Equal(KafkaTopics.ListeningEvents, (string?)trigger["topic"]);
        Assert.Equal(EnvValue(overlay, worker, "Kafka__Consumer__GroupId"), (string?)trigger["consumerGroup"]);
        Assert.Equal(EnvValue(overlay, worker, "ConnectionStrings__kafka"), (string?)trigger["bootstrapServers"]);
        Assert.Equal("false", (string?)trigger["allowIdleConsumers"]);

        var partitions = (int)OfKind(overlay, "KafkaTopic").Single(t => (string?)t["spec"]?["topicName"] == KafkaTopics.ListeningEvents)["spec"]!["partitions"]!;
        Assert.Equal(partitions, (int)spec["maxReplicaCount"]!);
        Assert.InRange((int)spec["minReplicaCount"]!, 1, partitions);
    }

    [Theory]
    [MemberData(nameof(OverlayNames), MemberType = typeof(Manifests))]
    public void Autoscaling_GatewayAndRecommenderOnCpu_WorkerByKeda_NoFixedReplicas(string overlay)
    {
        foreach (var name in PublicApis)
        {
            var hpa = Single(overlay, "HorizontalPodAutoscaler", name);
            Assert.Equal(name, (string?)hpa["spec"]!["scaleTargetRef"]!["name"]);
            Assert.Contains(hpa["spec"]!["metrics"]!.AsArray(), m => (string?)m!["resource"]?["name"] == "cpu");
        }
        foreach (var name in PublicApis.Append("taste-worker"))
        {
            Assert.True(Single(overlay, "Deployment", name)["spec"]!["replicas"] is null,
                $"{overlay}/{name}: replicas are owned by the autoscaler; a fixed count would fight it on every apply");
        }
    }

    [Theory]
    [MemberData(nameof(OverlayNames), MemberType = typeof(Manifests))]
    public void Workloads_HaveResourcesProbesSecurityContextBudgetsAndSpread(string overlay)
    {
        foreach (var workload in Objects(overlay).Where(o => (string?)o["kind"] is "Deployment" or "StatefulSet" or "Job"))
        {
            var pod = PodTemplate(workload)["spec"]!;
            Assert.True((bool?)pod["securityContext"]?["runAsNonRoot"] == true, $"{overlay}/{Name(workload)}: runAsNonRoot");
            foreach (var c in pod["containers"]!.AsArray())
            {
                var where = $"{overlay}/{Name(workload)}/{c!["name"]}";
                foreach (var kind in new[] { "requests", "limits" })
                {
                    Assert.True(c["resources"]?[kind]?["cpu"] is not null && c["resources"]?[kind]?["memory"] is not null, $"{where}: resources.{kind} cpu and memory");
                }
                Assert.True((bool?)c["securityContext"]?["allowPrivilegeEscalation"] == false, $"{where}: allowPrivilegeEscalation false");
                Assert.Contains("ALL", c["securityContext"]?["capabilities"]?["drop"]?.AsArray().Select(d => (string?)d) ?? []);
                if ((string?)workload["kind"] != "Job")
                {
                    Assert.True(c["livenessProbe"] is not null && c["readinessProbe"] is not null, $"{where}: liveness and readiness probes");
                }
            }
        }
        foreach (var service in Repository.Services)
        {
            var deployment = Single(overlay, "Deployment", service.Name);
            var pod = PodTemplate(deployment)["spec"]!;
            Assert.True((bool?)Container(deployment, service.Name)["securityContext"]?["readOnlyRootFilesystem"] == true, $"{overlay}/{service}: readOnlyRootFilesystem");
            Assert.True(pod["topologySpreadConstraints"]?.AsArray().Count > 0, $"{overlay}/{service}: topologySpreadConstraints");
            Assert.Contains(OfKind(overlay, "PodDisruptionBudget"), pdb => (string?)pdb["spec"]!["selector"]!["matchLabels"]?["app.kubernetes.io/name"] == service.Name);
        }
    }

    [Fact]
    public void RedisCluster_Prod_SixNodesInClusterModeFormedByInitJob_DevOneNode()
    {
        var redis = Single("prod", "StatefulSet", "redis");
        Assert.Equal(6, (int?)redis["spec"]!["replicas"]);
        Assert.Equal("redis-nodes", (string?)redis["spec"]!["serviceName"]);
        var start = string.Join(' ', Container(redis, "redis")["command"]!.AsArray().Select(c => (string?)c));
        Assert.Contains("--cluster-enabled yes", start);
        Assert.Contains("--masterauth", start);
        Assert.Equal("None", (string?)Single("prod", "Service", "redis-nodes")["spec"]!["clusterIP"]);
        var init = string.Join(' ', Container(Single("prod", "Job", "redis-cluster-init"), "redis-cluster-init")["command"]!.AsArray().Select(c => (string?)c));
        Assert.Contains("--cluster create", init);
        Assert.Contains("--cluster-replicas 1", init);
        // The cluster bus is admitted between the nodes (default-deny would cut gossip and failover).
        Assert.Contains(OfKind("prod", "NetworkPolicy"), p => (string?)p["spec"]!["podSelector"]!["matchLabels"]?["app.kubernetes.io/name"] == "redis"
            && p["spec"]!["ingress"]!.AsArray().Any(r => r!["ports"]!.AsArray().Any(port => (int?)port!["port"] == 16379)));
        Assert.Equal(1, (int?)Single("dev", "StatefulSet", "redis")["spec"]!["replicas"]);
    }

    [Theory]
    [MemberData(nameof(OverlayNames), MemberType = typeof(Manifests))]
    public void Secrets_AreReferencedNeverRendered(string overlay)
    {
        Assert.Empty(OfKind(overlay, "Secret"));
        foreach (var service in new[] { "gateway", "recommender", "catalog" })
        {
            var signingKey = Env(Container(Single(overlay, "Deployment", service), service)).Single(e => e.Name == "Auth__SigningKey").Definition;
            Assert.True(signingKey["valueFrom"]?["secretKeyRef"] is not null, $"{overlay}/{service}: Auth__SigningKey must come from a Secret");
        }
    }

    [Theory]
    [MemberData(nameof(OverlayNames), MemberType = typeof(Manifests))]
    public void Exposure_OnlyGatewayAndRecommenderAreReachableFromOutside(string overlay)
    {
        var backends = OfKind(overlay, "Ingress")
            .SelectMany(i => i["spec"]!["rules"]!.AsArray())
            .SelectMany(r => r!["http"]!["paths"]!.AsArray())
            .Select(p => (string)p!["backend"]!["service"]!["name"]!)
            .ToHashSet();
        Assert.Equal(PublicApis.ToHashSet(), backends);
        Assert.DoesNotContain(OfKind(overlay, "Service"), s => (string?)s["spec"]?["type"] is "LoadBalancer" or "NodePort");

        var policies = OfKind(overlay, "NetworkPolicy").ToList();
        Assert.Contains(policies, p => p["spec"]!["podSelector"]!.AsObject().Count == 0
            && p["spec"]!["policyTypes"]!.AsArray().Any(t => (string?)t == "Ingress") && p["spec"]!["ingress"] is null);
        foreach (var policy in policies)
        {
            foreach (var rule in policy["spec"]!["ingress"]?.AsArray() ?? [])
            {
                var peers = rule!["from"]?.AsArray();
                Assert.True(peers is not null && peers.Count > 0, $"{overlay}/{Name(policy)}: an ingress rule without 'from' admits every source");
                foreach (var peer in peers)
                {
                    Assert.True(peer!["ipBlock"] is null, $"{overlay}/{Name(policy)}: ipBlock peers are not expected");
                    var ns = peer["namespaceSelector"];
                    if (ns is null)
                    {
                        continue;
                    }
                    var fromNamespace = (string?)ns["matchLabels"]?["kubernetes.io/metadata.name"];
                    var ports = rule["ports"]?.AsArray().Select(p => (int?)p!["port"]).ToList() ?? [];
                    var selected = SelectedNames(policy);
                    var toPublicApis = selected.All(PublicApis.Contains);
                    var scrapeOnly = fromNamespace == "monitoring" && ports.SequenceEqual([Repository.ConventionContainerPort]);
                    Assert.True(fromNamespace is not null && (toPublicApis || scrapeOnly),
                        $"{overlay}/{Name(policy)}: admits namespace '{fromNamespace ?? "any"}' to {string.Join(",", selected)}; only the ingress controller to gateway/recommender and Prometheus to /metrics may come from outside");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(OverlayNames), MemberType = typeof(Manifests))]
    public void CatalogSnapshots_SharedVolume_MountedAtSnapshotDirectory_ReadOnlyExceptWriters(string overlay)
    {
        var claim = Single(overlay, "PersistentVolumeClaim", "catalog-snapshots");
        if (overlay == "prod")
        {
            Assert.Contains("ReadWriteMany", claim["spec"]!["accessModes"]!.AsArray().Select(m => (string?)m));
        }
        // Writers: the build Job (built versions) and the catalog API (appended versions of POST /v1/catalog/tracks).
        var users = Repository.Services.Where(s => s.Name != "gateway").Select(s => (Single(overlay, "Deployment", s.Name), s.Name, ReadOnly: s.Name != "catalog"))
            .Append((Single(overlay, "Job", "catalog-build"), "catalog-build", ReadOnly: false));
        foreach (var (workload, containerName, readOnly) in users)
        {
            var container = Container(workload, containerName);
            var volume = PodTemplate(workload)["spec"]!["volumes"]!.AsArray().Single(v => (string?)v!["persistentVolumeClaim"]?["claimName"] == "catalog-snapshots")!;
            var mount = container["volumeMounts"]!.AsArray().Single(m => (string?)m!["name"] == (string?)volume["name"])!;
            Assert.Equal(EnvValue(overlay, container, "Catalog__SnapshotDirectory"), (string?)mount["mountPath"]);
            Assert.Equal(readOnly, (bool?)mount["readOnly"] ?? false);
        }

        var args = Container(Single(overlay, "Job", "catalog-build"), "catalog-build")["args"]!.AsArray().Select(a => (string)a!).ToList();
        Assert.Equal("build", args[0]);
        Assert.Equal("42", args[args.IndexOf("--seed") + 1]);
        Assert.Contains("--synthetic", args);
        Assert.Contains("--publish", args);
        Assert.Equal(EnvValue(overlay, Container(Single(overlay, "Job", "catalog-build"), "catalog-build"), "Catalog__SnapshotDirectory"), args[args.IndexOf("--out") + 1]);
    }

    private static IReadOnlyList<string> SelectedNames(JsonObject policy)
    {
        var selector = policy["spec"]!["podSelector"]!;
        var single = (string?)selector["matchLabels"]?["app.kubernetes.io/name"];
        if (single is not null)
        {
            return [single];
        }
        var expression = selector["matchExpressions"]?.AsArray().SingleOrDefault(e => (string?)e!["key"] == "app.kubernetes.io/name" && (string?)e["operator"] == "In");
        return expression?["values"]!.AsArray().Select(v => (string)v!).ToList() ?? ["<every pod>"];
    }

    private static string ImageName(JsonObject container)
    {
        var image = (string)container["image"]!;
        var tag = image.LastIndexOf(':');
        return tag > image.LastIndexOf('/') ? image[..tag] : image;
    }

    /// <summary>A port given by number or by the name of a container port.</summary>
    private static int ResolvePort(JsonObject container, JsonNode? port)
    {
        Assert.NotNull(port);
        if (port.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            return (int)port;
        }
        var name = (string)port!;
        var match = container["ports"]?.AsArray().SingleOrDefault(p => (string?)p!["name"] == name);
        Assert.True(match is not null, $"container {container["name"]} has no port named '{name}'");
        return (int)match["containerPort"]!;
    }
}
