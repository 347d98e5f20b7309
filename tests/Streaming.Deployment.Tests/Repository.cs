using System.Text.RegularExpressions;

namespace Streaming.Deployment.Tests;

/// <summary>Paths of the repository and the facts docs/conventions.md fixes.</summary>
internal static partial class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string ReadText(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>The four .NET services: conventions name, project folder, Dockerfile.</summary>
    public static IReadOnlyList<ServiceInfo> Services { get; } =
    [
        new("gateway", "Streaming.Gateway"),
        new("taste-worker", "Streaming.TasteWorker"),
        new("recommender", "Streaming.Recommender"),
        new("catalog", "Streaming.Catalog"),
    ];

    public static string Conventions => ReadText("docs/conventions.md");

    /// <summary>"| Container port | 8080 ..." in docs/conventions.md.</summary>
    public static int ConventionContainerPort
    {
        get
        {
            var match = ContainerPortRow().Match(Conventions);
            Assert.True(match.Success, "docs/conventions.md has no 'Container port' row");
            return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Service names listed in docs/conventions.md (OTel service.name, k8s Deployment).</summary>
    public static IReadOnlySet<string> ConventionServiceNames
    {
        get
        {
            var row = ServiceNamesRow().Match(Conventions);
            Assert.True(row.Success, "docs/conventions.md has no 'Service names' row");
            return BacktickedName().Matches(row.Groups[1].Value).Select(m => m.Groups[1].Value).ToHashSet();
        }
    }

    /// <summary>Partitions of listening-events in the dev broker, per docs/conventions.md.</summary>
    public static int ConventionDevPartitions
    {
        get
        {
            var match = DevPartitions().Match(Conventions);
            Assert.True(match.Success, "docs/conventions.md does not state the dev broker's partition count");
            return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props"))
                && File.Exists(Path.Combine(dir.FullName, "docs", "conventions.md")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Repository root (Directory.Packages.props + docs/conventions.md) not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\|\s*Container port\s*\|\s*(\d+)")]
    private static partial Regex ContainerPortRow();

    [GeneratedRegex(@"\|\s*Service names[^|]*\|([^\n]*)")]
    private static partial Regex ServiceNamesRow();

    [GeneratedRegex("`([a-z0-9-]+)`")]
    private static partial Regex BacktickedName();

    [GeneratedRegex(@"\((\d+) partitions in the dev broker\)")]
    private static partial Regex DevPartitions();
}

internal sealed record ServiceInfo(string Name, string ProjectFolder)
{
    public string ProjectPath => $"services/{ProjectFolder}/{ProjectFolder}.csproj";

    public string Dockerfile => $"deploy/docker/{Name}.Dockerfile";

    public override string ToString() => Name;
}
