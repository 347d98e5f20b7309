namespace Streaming.TestInfrastructure;

/// <summary>Locates the repository (the folder holding Streaming.sln) and the optional shared data beside it.</summary>
public static class RepoPaths
{
    public const string SolutionFile = "Streaming.sln";

    private static readonly Lazy<string?> RootLazy = new(FindRoot);

    /// <summary>The repository root; throws when the tests don't run from inside the repository.</summary>
    public static string Root => RootLazy.Value
        ?? throw new DirectoryNotFoundException(
            $"No {SolutionFile} above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}.");

    public static string? TryGetRoot() => RootLazy.Value;

    /// <summary><c>../shared/data</c> relative to the repository root, or null when it isn't there (tests must still pass).</summary>
    public static string? SharedData
    {
        get
        {
            if (TryGetRoot() is not { } root)
            {
                return null;
            }

            var data = Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
            return Directory.Exists(data) ? data : null;
        }
    }

    public static string DevBrokerProjectDirectory => Path.Combine(Root, "deploy", "Streaming.DevBroker");

    /// <summary>A path under the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string? FindRoot() =>
        WalkUp(AppContext.BaseDirectory) ?? WalkUp(Environment.CurrentDirectory);

    private static string? WalkUp(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
