using System.Globalization;
using System.Text.RegularExpressions;
using Streaming.ServiceDefaults;

namespace Streaming.Deployment.Tests;

/// <summary>Each Dockerfile builds the project it names and runs it the way the conventions say.</summary>
public sealed partial class DockerfileTests
{
    public static TheoryData<string> ServiceNames() => new(Repository.Services.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Dockerfile_Project_ExistsAndEntrypointRunsItsAssembly(string serviceName)
    {
        var service = Repository.Services.Single(s => s.Name == serviceName);
        var dockerfile = Repository.ReadText(service.Dockerfile);
        Assert.Equal(service.ProjectPath, ProjectArgument().Match(dockerfile).Groups[1].Value);
        var project = CodeFacts.RequireProject(service);
        Assert.Equal($"{CodeFacts.AssemblyName(project)}.dll", Entrypoint().Match(dockerfile).Groups[1].Value);
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Dockerfile_BuildContext_CopiesEveryReferencedProject(string serviceName)
    {
        var service = Repository.Services.Single(s => s.Name == serviceName);
        var copied = CopyFromContext().Matches(Repository.ReadText(service.Dockerfile))
            .Select(m => m.Groups[1].Value.TrimEnd('/') + "/")
            .ToList();
        foreach (var project in CodeFacts.ProjectClosure(CodeFacts.RequireProject(service)))
        {
            var relative = Path.GetRelativePath(Repository.Root, project).Replace(Path.DirectorySeparatorChar, '/');
            Assert.True(copied.Any(c => relative.StartsWith(c, StringComparison.Ordinal)),
                $"{service.Dockerfile} does not COPY {relative} (copied: {string.Join(", ", copied)}); the image build would fail to restore it");
        }
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public void Dockerfile_Runtime_NonRootOnConventionPortWithHealthCheck(string serviceName)
    {
        var service = Repository.Services.Single(s => s.Name == serviceName);
        var dockerfile = Repository.ReadText(service.Dockerfile);
        var port = Repository.ConventionContainerPort.ToString(CultureInfo.InvariantCulture);

        Assert.True(From().Matches(dockerfile).Count >= 2, $"{service.Dockerfile}: multi-stage build expected");
        var user = User().Matches(dockerfile).Select(m => m.Groups[1].Value).LastOrDefault();
        Assert.True(user is not null && int.TryParse(user, out var uid) && uid > 0, $"{service.Dockerfile}: final USER must be a numeric non-root id (runAsNonRoot checks it), was '{user}'");
        Assert.Equal(port, Expose().Match(dockerfile).Groups[1].Value);
        Assert.Equal(port, EnvValue(dockerfile, "ASPNETCORE_HTTP_PORTS"));
        Assert.Equal(service.Name, EnvValue(dockerfile, "OTEL_SERVICE_NAME"));
        Assert.Contains($"http://127.0.0.1:{port}{ServiceDefaultsExtensions.LivePath}", Instruction(dockerfile, "HEALTHCHECK"), StringComparison.Ordinal);
        Assert.True(File.Exists(Repository.PathOf(".dockerignore")) || File.Exists(Repository.PathOf(service.Dockerfile + ".dockerignore")),
            $"{service.Dockerfile}: a .dockerignore keeps bin/obj and .git out of the build context");
    }

    /// <summary>The text of the first instruction starting with <paramref name="keyword"/>, continuation lines joined.</summary>
    private static string Instruction(string dockerfile, string keyword)
    {
        var lines = dockerfile.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith(keyword + " ", StringComparison.Ordinal));
        Assert.True(start >= 0, $"no {keyword} instruction");
        var end = start;
        while (lines[end].TrimEnd().EndsWith('\\') && end + 1 < lines.Length)
        {
            end++;
        }
        return string.Join(' ', lines[start..(end + 1)]);
    }

    private static string? EnvValue(string dockerfile, string name)
    {
        var match = new Regex($@"^\s*(?:ENV\s+)?{Regex.Escape(name)}=(\S+)", RegexOptions.Multiline).Match(dockerfile);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^ARG PROJECT=(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ProjectArgument();

    [GeneratedRegex(@"^ENTRYPOINT \[""dotnet"", ""([^""]+)""\]", RegexOptions.Multiline)]
    private static partial Regex Entrypoint();

    [GeneratedRegex(@"^COPY (?!--from)(?:--\S+ )*(\S+) \S+\s*$", RegexOptions.Multiline)]
    private static partial Regex CopyFromContext();

    [GeneratedRegex(@"^FROM ", RegexOptions.Multiline)]
    private static partial Regex From();

    [GeneratedRegex(@"^USER (\S+)", RegexOptions.Multiline)]
    private static partial Regex User();

    [GeneratedRegex(@"^EXPOSE (\d+)", RegexOptions.Multiline)]
    private static partial Regex Expose();
}
