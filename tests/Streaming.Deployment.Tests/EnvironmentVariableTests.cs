using System.Text.RegularExpressions;
using Streaming.Messaging;
using static Streaming.Deployment.Tests.Manifests;

namespace Streaming.Deployment.Tests;

/// <summary>
/// Every environment variable the deployment files give a service is one its code reads (a typo or a
/// renamed option would otherwise be ignored silently), and every connection the code asks for is given.
/// </summary>
public sealed partial class EnvironmentVariableTests
{
    public static TheoryData<string, string> OverlayServices()
    {
        var data = new TheoryData<string, string>();
        foreach (var overlay in Overlays)
        {
            foreach (var service in Repository.Services)
            {
                data.Add(overlay, service.Name);
            }
        }
        return data;
    }

    public static TheoryData<string> ServiceNames() => new(Repository.Services.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(OverlayServices))]
    public void KubernetesEnv_EveryVariable_IsReadByTheServiceCode(string overlay, string serviceName)
    {
        var service = Repository.Services.Single(s => s.Name == serviceName);
        var workloads = new List<(string Kind, string Workload, string Container)> { ("Deployment", service.Name, service.Name) };
        if (service.Name == "catalog")
        {
            workloads.Add(("Job", "catalog-build", "catalog-build"));
        }
        foreach (var (kind, workload, containerName) in workloads)
        {
            var env = Env(Container(Single(overlay, kind, workload), containerName));
            AssertEveryVariableIsRead(service, $"{overlay}/{kind}/{workload}", env.Select(e => e.Name), env.Select(e => (string?)e.Definition["value"]));
        }
    }

    [Fact]
    public void ComposeEnv_EveryVariable_IsReadByTheServiceCode()
    {
        foreach (var (name, service, info) in ComposeDotnetServices())
        {
            var env = ComposeEnv(service);
            AssertEveryVariableIsRead(info, $"docker-compose.yml/{name}", env.Keys, env.Values);
        }
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void DockerfileEnv_EveryVariable_IsReadByTheServiceCode(string serviceName)
    {
        var service = Repository.Services.Single(s => s.Name == serviceName);
        var names = DockerfileEnvName().Matches(Repository.ReadText(service.Dockerfile)).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(names);
        AssertEveryVariableIsRead(service, service.Dockerfile, names, []);
    }

    [Theory]
    [MemberData(nameof(OverlayServices))]
    public void KubernetesEnv_ConnectionsTheCodeNeeds_AreConfigured(string overlay, string serviceName)
    {
        var service = Repository.Services.Single(s => s.Name == serviceName);
        var env = Env(Container(Single(overlay, "Deployment", service.Name), service.Name)).Select(e => e.Name).ToHashSet();
        AssertRequiredConnections(service, $"{overlay}/{service}", env);
    }

    [Fact]
    public void ComposeEnv_ConnectionsTheCodeNeeds_AreConfigured()
    {
        foreach (var (name, service, info) in ComposeDotnetServices().Where(s => s.ComposeName == s.Info.Name))
        {
            AssertRequiredConnections(info, $"docker-compose.yml/{name}", ComposeEnv(service).Keys.ToHashSet());
        }
        Assert.Equal(Repository.Services.Select(s => s.Name).Order(), ComposeDotnetServices().Where(s => s.ComposeName == s.Info.Name).Select(s => s.ComposeName).Order());
    }

    [Fact]
    public void ConsumerGroup_ComposeAndKubernetes_AreTheSame()
    {
        var compose = ComposeEnv(ComposeService("taste-worker"))["Kafka__Consumer__GroupId"];
        Assert.Equal("taste-worker", compose);
        foreach (var overlay in Overlays)
        {
            Assert.Equal(compose, EnvValue(overlay, Container(Single(overlay, "Deployment", "taste-worker"), "taste-worker"), "Kafka__Consumer__GroupId"));
        }
    }

    private static void AssertRequiredConnections(ServiceInfo service, string where, IReadOnlySet<string> env)
    {
        foreach (var connection in CodeFacts.ConnectionNamesRequired(service))
        {
            Assert.True(env.Contains($"ConnectionStrings__{connection}"),
                $"{where}: the code of {service.ProjectFolder} reads ConnectionStrings:{connection}, but ConnectionStrings__{connection} is not set");
        }
        if (CodeFacts.RegistersKafkaConsumer(service))
        {
            var groupId = KafkaConsumerOptions.Section.Replace(":", "__", StringComparison.Ordinal) + "__" + nameof(KafkaConsumerOptions.GroupId);
            Assert.True(env.Contains(groupId), $"{where}: {service.ProjectFolder} registers a Kafka consumer; {groupId} is required");
        }
        foreach (var setting in CodeFacts.RequiredSettings(service))
        {
            Assert.True(env.Contains(setting), $"{where}: {service.ProjectFolder} registers options with a required {setting.Replace("__", ":", StringComparison.Ordinal)} (no default), but {setting} is not set");
        }
    }

    private static void AssertEveryVariableIsRead(ServiceInfo service, string where, IEnumerable<string> names, IEnumerable<string?> values)
    {
        var sources = CodeFacts.ClosureSources(service);
        var composedInto = values.SelectMany(v => v is null ? [] : VariableReference().Matches(v).Select(m => m.Groups[1].Value)).ToHashSet();
        var unread = new List<string>();
        foreach (var name in names)
        {
            if (CodeFacts.FrameworkVariables.ContainsKey(name) || composedInto.Contains(name))
            {
                continue;
            }
            if (!CodeFacts.Reads(sources, name.Replace("__", ":", StringComparison.Ordinal)))
            {
                unread.Add(name);
            }
        }
        Assert.True(unread.Count == 0,
            $"{where}: {string.Join(", ", unread)} {(unread.Count == 1 ? "is" : "are")} not read by {service.ProjectFolder} or the projects it references " +
            "(no GetConnectionString/\"Section:Key\" literal/options property found). Rename to what the code reads, or drop it.");
    }

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^\s*(?:ENV\s+)?([A-Za-z_][A-Za-z0-9_]*)=\S*(?:\s*\\)?\s*$", RegexOptions.Multiline)]
    private static partial Regex DockerfileEnvName();
}
