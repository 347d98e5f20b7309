using System.Text.Json.Nodes;

namespace Streaming.Deployment.Tests;

/// <summary>The rendered deployment files, read once per test run.</summary>
internal static class Manifests
{
    public static readonly string[] Overlays = ["dev", "prod"];

    private static readonly Dictionary<string, Lazy<JsonArray>> Renders = Overlays.ToDictionary(
        o => o, o => new Lazy<JsonArray>(() => Tools.Render($"deploy/k8s/overlays/{o}")));

    private static readonly Lazy<JsonObject> ComposeFile = new(() =>
        Tools.YamlDocuments("docker-compose.yml").Single()!.AsObject());

    public static TheoryData<string> OverlayNames => new(Overlays);

    public static IEnumerable<JsonObject> Objects(string overlay) => Renders[overlay].Value.Select(o => o!.AsObject());

    public static IEnumerable<JsonObject> OfKind(string overlay, string kind) =>
        Objects(overlay).Where(o => (string?)o["kind"] == kind);

    public static JsonObject Single(string overlay, string kind, string name)
    {
        var found = OfKind(overlay, kind).Where(o => Name(o) == name).ToList();
        Assert.True(found.Count == 1, $"{overlay}: expected one {kind} '{name}', found {found.Count}");
        return found[0];
    }

    public static string Name(JsonObject o) => (string?)o["metadata"]?["name"] ?? "";

    public static JsonObject PodTemplate(JsonObject workload) =>
        (workload["spec"]?["template"]?.AsObject()) ?? throw new InvalidOperationException($"{Name(workload)} has no pod template");

    public static JsonObject Container(JsonObject workload, string name)
    {
        var containers = PodTemplate(workload)["spec"]!["containers"]!.AsArray().Select(c => c!.AsObject()).ToList();
        var container = containers.SingleOrDefault(c => (string?)c["name"] == name);
        Assert.True(container is not null, $"{Name(workload)} has no container named '{name}' (containers: {string.Join(", ", containers.Select(c => (string?)c["name"]))})");
        return container;
    }

    /// <summary>Env var name -> the JSON of its definition, in order, for one container.</summary>
    public static IReadOnlyList<(string Name, JsonObject Definition)> Env(JsonObject container) =>
        container["env"]?.AsArray().Select(e => ((string)e!["name"]!, e.AsObject())).ToList() ?? [];

    /// <summary>A literal env value, or the value of the ConfigMap key it reads (within the same render).</summary>
    public static string? EnvValue(string overlay, JsonObject container, string name)
    {
        var entry = Env(container).Where(e => e.Name == name).Select(e => e.Definition).SingleOrDefault();
        if (entry is null)
        {
            return null;
        }
        if (entry["value"] is { } literal)
        {
            return (string?)literal;
        }
        var mapRef = entry["valueFrom"]?["configMapKeyRef"];
        if (mapRef is null)
        {
            return null;
        }
        var map = OfKind(overlay, "ConfigMap").Single(m => Name(m) == (string?)mapRef["name"]);
        return (string?)map["data"]?[(string)mapRef["key"]!];
    }

    public static JsonObject Compose => ComposeFile.Value;

    public static JsonObject ComposeService(string name)
    {
        var service = Compose["services"]?[name]?.AsObject();
        Assert.True(service is not null, $"docker-compose.yml has no service '{name}'");
        return service;
    }

    /// <summary>Compose environment as a dictionary (accepts both the map and the list form).</summary>
    public static IReadOnlyDictionary<string, string?> ComposeEnv(JsonObject service)
    {
        var env = service["environment"];
        return env switch
        {
            null => new Dictionary<string, string?>(),
            JsonObject map => map.ToDictionary(p => p.Key, p => p.Value?.ToString()),
            JsonArray list => list.Select(i => ((string)i!).Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : null),
            _ => throw new InvalidOperationException("unexpected compose environment form"),
        };
    }

    /// <summary>Compose services built from one of our Dockerfiles, with the Dockerfile's service name.</summary>
    public static IEnumerable<(string ComposeName, JsonObject Service, ServiceInfo Info)> ComposeDotnetServices()
    {
        foreach (var (name, node) in Compose["services"]!.AsObject())
        {
            var dockerfile = (string?)node?["build"]?["dockerfile"];
            if (dockerfile is null)
            {
                continue;
            }
            var info = Repository.Services.SingleOrDefault(s => s.Dockerfile == dockerfile)
                ?? throw new InvalidOperationException($"compose service {name} builds {dockerfile}, which is not a service Dockerfile");
            yield return (name, node!.AsObject(), info);
        }
    }
}
