namespace Streaming.AppHost;

/// <summary>Folders the dev stack writes to; created on start.</summary>
internal sealed record DevStackPaths(string Root, string Redis, string RabbitMq, string Snapshots)
{
    public static DevStackPaths Resolve(DevStackOptions options)
    {
        var root = Path.GetFullPath(options.StateDirectory ?? Path.Combine(FindRepoRoot(), ".run"));
        var paths = new DevStackPaths(root, Path.Combine(root, "redis"), Path.Combine(root, "rabbitmq"), Path.Combine(root, "catalog"));
        foreach (var dir in new[] { paths.Redis, paths.RabbitMq, paths.Snapshots })
        {
            Directory.CreateDirectory(dir);
        }
        return paths;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Streaming.sln")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
