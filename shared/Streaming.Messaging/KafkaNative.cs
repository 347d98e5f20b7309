using System.Reflection;
using System.Runtime.InteropServices;

namespace Streaming.Messaging;

/// <summary>
/// Loads the librdkafka build that works on this machine and points Confluent.Kafka at it.
/// Debian 12 lacks libsasl2.so.3, which the default linux-x64 librdkafka.so needs, and
/// Confluent's own <c>Library.Load(path)</c> fails there on <c>libdl</c>; the self-contained
/// centos8 build from the same NuGet package loads fine through <see cref="NativeLibrary"/>.
/// Call <see cref="EnsureLoaded"/> before building any Confluent client.
/// </summary>
public static class KafkaNative
{
    /// <summary>Overrides the native library file to load (absolute path).</summary>
    public const string PathEnvironmentVariable = "STREAMING_LIBRDKAFKA_PATH";

    private const string RedistPackage = "librdkafka.redist";

    private static readonly Lock Gate = new();
    private static readonly HashSet<Assembly> Registered = [];
    private static volatile bool _loaded;
    private static nint _handle;
    private static string? _loadedPath;

    /// <summary>Full path of the librdkafka file in use, or null when the platform default is used.</summary>
    public static string? LoadedPath
    {
        get
        {
            EnsureLoaded();
            return _loadedPath;
        }
    }

    /// <summary>
    /// Loads librdkafka once per process (idempotent, thread-safe) and makes every
    /// <c>DllImport("librdkafka")</c> in Confluent.Kafka resolve to it.
    /// On platforms without a better build this leaves Confluent's default loading alone.
    /// </summary>
    public static void EnsureLoaded()
    {
        if (_loaded)
        {
            return;
        }

        lock (Gate)
        {
            if (_loaded)
            {
                return;
            }

            var path = FindLibrary();
            if (path is not null)
            {
                _handle = NativeLibrary.Load(path);
                _loadedPath = path;
                RegisterResolverCore(typeof(Confluent.Kafka.Library).Assembly);
            }

            _loaded = true;
        }
    }

    /// <summary>
    /// Makes <c>DllImport</c>/<c>LibraryImport</c> declarations of "librdkafka" in <paramref name="assembly"/>
    /// (for example P/Invoke into the mock cluster API) resolve to the same loaded library.
    /// </summary>
    public static void RegisterResolver(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        EnsureLoaded();
        if (_handle == 0)
        {
            return;
        }

        lock (Gate)
        {
            RegisterResolverCore(assembly);
        }
    }

    private static void RegisterResolverCore(Assembly assembly)
    {
        if (!Registered.Add(assembly))
        {
            return;
        }

        try
        {
            NativeLibrary.SetDllImportResolver(assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // Someone already installed a resolver for this assembly; theirs wins.
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName.Contains("librdkafka", StringComparison.OrdinalIgnoreCase) ? _handle : 0;

    private static string? FindLibrary()
    {
        var overridePath = Environment.GetEnvironmentVariable(PathEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            return File.Exists(overridePath)
                ? Path.GetFullPath(overridePath)
                : throw new FileNotFoundException($"{PathEnvironmentVariable} points to a missing file.", overridePath);
        }

        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var (rid, fileName) = PreferredLinuxBuild();
        if (fileName is null)
        {
            return null;
        }

        return Candidates(rid, fileName).FirstOrDefault(File.Exists);
    }

    private static (string Rid, string? FileName) PreferredLinuxBuild()
    {
        var musl = File.Exists("/etc/alpine-release");
        return RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => ("linux-x64", musl ? "alpine-librdkafka.so" : "centos8-librdkafka.so"),
            Architecture.Arm64 => ("linux-arm64", musl ? "alpine-librdkafka.so" : null),
            _ => ("", null),
        };
    }

    private static IEnumerable<string> Candidates(string rid, string fileName)
    {
        var baseDir = AppContext.BaseDirectory;
        yield return Path.Combine(baseDir, "runtimes", rid, "native", fileName);
        // RID-specific publishes flatten native assets next to the app.
        yield return Path.Combine(baseDir, fileName);

        foreach (var packageDir in NuGetPackageDirectories())
        {
            yield return Path.Combine(packageDir, "runtimes", rid, "native", fileName);
        }
    }

    /// <summary>librdkafka.redist folders in the NuGet cache, the version matching Confluent.Kafka first.</summary>
    private static IEnumerable<string> NuGetPackageDirectories()
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrWhiteSpace(root))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (string.IsNullOrEmpty(home))
            {
                return [];
            }

            root = Path.Combine(home, ".nuget", "packages");
        }

        var redist = Path.Combine(root, RedistPackage);
        if (!Directory.Exists(redist))
        {
            return [];
        }

        var confluentVersion = typeof(Confluent.Kafka.Library).Assembly.GetName().Version;
        var wanted = confluentVersion is null ? null : $"{confluentVersion.Major}.{confluentVersion.Minor}.{confluentVersion.Build}";
        return Directory.EnumerateDirectories(redist)
            .OrderByDescending(dir => Path.GetFileName(dir) == wanted)
            .ThenByDescending(dir => Version.TryParse(Path.GetFileName(dir), out var v) ? v : new Version(0, 0))
            .ToList();
    }
}
