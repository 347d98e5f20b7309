using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Streaming.Deployment.Tests;

/// <summary>
/// What the C# code of a service reads from configuration, found in its sources and those of the
/// projects it references (comments removed). Configuration keys use ':'; environment variables '__'.
/// </summary>
internal static partial class CodeFacts
{
    /// <summary>Variables the framework or the OpenTelemetry SDK read by themselves, not our code.</summary>
    public static readonly IReadOnlyDictionary<string, string> FrameworkVariables = new Dictionary<string, string>
    {
        ["ASPNETCORE_HTTP_PORTS"] = "Kestrel's listening ports",
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "OpenTelemetry SDK: OTLP transport",
    };

    private static readonly Dictionary<string, IReadOnlyList<string>> ClosureCache = [];
    private static readonly Lock Gate = new();

    /// <summary>The service's project file; fails clearly when the service does not exist (yet).</summary>
    public static string RequireProject(ServiceInfo service)
    {
        var path = Repository.PathOf(service.ProjectPath);
        Assert.True(File.Exists(path),
            $"{service.ProjectPath} does not exist, but the deployment files build and run it ({service.Dockerfile}, docker-compose.yml, deploy/k8s). " +
            "Create the service (or fix the path in the deployment files).");
        return path;
    }

    /// <summary>Comment-free C# sources of the service project and every project it references.</summary>
    public static IReadOnlyList<string> ClosureSources(ServiceInfo service)
    {
        var project = RequireProject(service);
        lock (Gate)
        {
            if (!ClosureCache.TryGetValue(project, out var sources))
            {
                sources = ProjectClosure(project).SelectMany(SourcesOfProject).ToList();
                ClosureCache[project] = sources;
            }
            return sources;
        }
    }

    /// <summary>Comment-free C# sources of the service's own project folder only.</summary>
    public static IReadOnlyList<string> OwnSources(ServiceInfo service) => SourcesOfProject(RequireProject(service)).ToList();

    /// <summary>Project files: the project and its ProjectReferences, transitively.</summary>
    public static IReadOnlyList<string> ProjectClosure(string projectPath)
    {
        var seen = new List<string>();
        var pending = new Stack<string>([Path.GetFullPath(projectPath)]);
        while (pending.TryPop(out var current))
        {
            if (seen.Contains(current))
            {
                continue;
            }
            Assert.True(File.Exists(current), $"referenced project {current} does not exist");
            seen.Add(current);
            var dir = Path.GetDirectoryName(current)!;
            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
            {
                var include = (string?)reference.Attribute("Include");
                if (include is not null)
                {
                    pending.Push(Path.GetFullPath(Path.Combine(dir, include.Replace('\\', Path.DirectorySeparatorChar))));
                }
            }
        }
        return seen;
    }

    /// <summary>Assembly (and so DLL) name of a project.</summary>
    public static string AssemblyName(string projectPath) =>
        XDocument.Load(projectPath).Descendants("AssemblyName").Select(e => e.Value.Trim()).LastOrDefault()
        ?? Path.GetFileNameWithoutExtension(projectPath);

    /// <summary>
    /// Whether the sources read configuration key <paramref name="key"/> (':'-separated). Connection strings:
    /// GetConnectionString("x"), "ConnectionStrings:x", or "x" given as a connection name. Other keys: the
    /// whole key as a literal, or the section as a literal plus a property of the last segment's name
    /// (options binding). Keys without a section: the literal itself (configuration["OTEL_SERVICE_NAME"]).
    /// </summary>
    public static bool Reads(IReadOnlyList<string> sources, string key)
    {
        if (sources.Any(s => s.Contains($"\"{key}\"", StringComparison.Ordinal)))
        {
            return true;
        }
        var cut = key.LastIndexOf(':');
        if (cut < 0)
        {
            return false;
        }
        var section = key[..cut];
        var property = key[(cut + 1)..];
        if (section == "ConnectionStrings")
        {
            return ConnectionNamesRead(sources).Contains(property);
        }
        var propertyDeclaration = new Regex($@"\b{Regex.Escape(property)}\s*\{{\s*(get|init)\b");
        return sources.Any(s => s.Contains($"\"{section}\"", StringComparison.Ordinal))
            && sources.Any(s => propertyDeclaration.IsMatch(s));
    }

    /// <summary>Connection-string names the sources read.</summary>
    public static IReadOnlySet<string> ConnectionNamesRead(IEnumerable<string> sources)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            foreach (Match m in GetConnectionStringCall().Matches(source))
            {
                names.Add(m.Groups[1].Value);
            }
            foreach (Match m in ConnectionStringsKey().Matches(source))
            {
                names.Add(m.Groups[1].Value);
            }
            foreach (var line in source.Split('\n').Where(l => l.Contains("Connection", StringComparison.OrdinalIgnoreCase)))
            {
                foreach (Match m in NameLiteral().Matches(line))
                {
                    names.Add(m.Groups[1].Value);
                }
            }
            foreach (Match m in ClientRegistration().Matches(source))
            {
                names.Add(m.Groups[1].Value);
            }
        }
        return names;
    }

    /// <summary>Connection names the service's own code asks for (the reverse check: they must be configured).</summary>
    public static IReadOnlySet<string> ConnectionNamesRequired(ServiceInfo service)
    {
        var own = OwnSources(service);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in own)
        {
            foreach (Match m in GetConnectionStringCall().Matches(source))
            {
                names.Add(m.Groups[1].Value);
            }
            foreach (Match m in ConnectionStringsKey().Matches(source))
            {
                names.Add(m.Groups[1].Value);
            }
            foreach (Match m in KafkaRegistration().Matches(source))
            {
                var arguments = m.Groups[2].Value;
                var named = NamedConnectionArgument().Match(arguments);
                var positional = LeadingStringArgument().Match(arguments);
                names.Add(named.Success ? named.Groups[1].Value
                    : m.Groups[1].Value != "Consumer" && positional.Success ? positional.Groups[1].Value
                    : Streaming.Messaging.KafkaServiceCollectionExtensions.DefaultConnectionName);
            }
        }
        return names;
    }

    /// <summary>Whether the service's own code registers a Kafka consumer (then it needs a group id).</summary>
    public static bool RegistersKafkaConsumer(ServiceInfo service) =>
        OwnSources(service).Any(s => s.Contains("AddKafkaConsumer(", StringComparison.Ordinal));

    /// <summary>
    /// Environment variables the service cannot start without: [Required] string properties with no
    /// default of options classes (a <c>Section</c>/<c>SectionName</c> constant) that the service registers,
    /// directly in its own code or through an extension method its own code calls.
    /// </summary>
    public static IReadOnlySet<string> RequiredSettings(ServiceInfo service)
    {
        var closure = ProjectClosure(RequireProject(service)).SelectMany(SourcesOfProject).ToList();
        var own = OwnSources(service);
        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in closure)
        {
            var section = OptionsSection().Match(file);
            var type = OptionsClass().Match(file);
            if (!section.Success || !type.Success)
            {
                continue;
            }
            var properties = RequiredStringWithoutDefault().Matches(file).Select(m => m.Groups[1].Value).ToList();
            if (properties.Count == 0 || !IsRegisteredBy(type.Groups[1].Value, closure, own))
            {
                continue;
            }
            foreach (var property in properties)
            {
                required.Add($"{section.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal)}__{property}");
            }
        }
        return required;
    }

    private static bool IsRegisteredBy(string optionsType, IReadOnlyList<string> closure, IReadOnlyList<string> own)
    {
        var registration = new Regex($@"\b(AddValidatedOptions|AddOptions)<{Regex.Escape(optionsType)}>");
        if (own.Any(registration.IsMatch))
        {
            return true;
        }
        foreach (var source in closure)
        {
            foreach (Match m in registration.Matches(source))
            {
                var method = PublicStaticMethod().Matches(source[..m.Index]).LastOrDefault()?.Groups[1].Value;
                if (method is not null && own.Any(o => o.Contains($"{method}(", StringComparison.Ordinal)))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static IEnumerable<string> SourcesOfProject(string projectPath)
    {
        var dir = Path.GetDirectoryName(projectPath)!;
        var sep = Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal) && !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal))
            .Select(f => StripComments(File.ReadAllText(f)));
    }

    /// <summary>Removes // and /* */ comments, leaving string and char literals intact.</summary>
    public static string StripComments(string code)
    {
        var result = new StringBuilder(code.Length);
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            var next = i + 1 < code.Length ? code[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                while (i < code.Length && code[i] != '\n')
                {
                    i++;
                }
                result.Append('\n');
            }
            else if (c == '/' && next == '*')
            {
                var end = code.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? code.Length : end + 1;
                result.Append(' ');
            }
            else if (c == '"' || c == '\'')
            {
                var verbatim = c == '"' && i > 0 && code[i - 1] == '@';
                result.Append(c);
                for (i++; i < code.Length; i++)
                {
                    result.Append(code[i]);
                    if (!verbatim && code[i] == '\\' && i + 1 < code.Length)
                    {
                        result.Append(code[++i]);
                    }
                    else if (code[i] == c)
                    {
                        if (verbatim && i + 1 < code.Length && code[i + 1] == '"')
                        {
                            result.Append(code[++i]);
                            continue;
                        }
                        break;
                    }
                    else if (code[i] == '\n' && !verbatim)
                    {
                        break;
                    }
                }
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }

    [GeneratedRegex(@"const string (?:Section|SectionName) = ""([^""]+)"";")]
    private static partial Regex OptionsSection();

    [GeneratedRegex(@"\bclass (\w+)")]
    private static partial Regex OptionsClass();

    [GeneratedRegex(@"\[Required[^\]]*\]\s*public string (\w+) \{ get; (?:set|init); \}(?:\s*=\s*"""")?;?\s*\n")]
    private static partial Regex RequiredStringWithoutDefault();

    [GeneratedRegex(@"public static [\w<>\[\]?, ]+? (\w+)(?:<[^>]*>)?\(")]
    private static partial Regex PublicStaticMethod();

    [GeneratedRegex(@"GetConnectionString\(\s*""([^""]+)""\s*\)")]
    private static partial Regex GetConnectionStringCall();

    [GeneratedRegex(@"""ConnectionStrings:([A-Za-z0-9_-]+)""")]
    private static partial Regex ConnectionStringsKey();

    [GeneratedRegex(@"""([A-Za-z][A-Za-z0-9_-]*)""")]
    private static partial Regex NameLiteral();

    [GeneratedRegex(@"\.Add\w*Client\(\s*""([^""]+)""")]
    private static partial Regex ClientRegistration();

    [GeneratedRegex(@"\.AddKafka(Producer|Consumer|Connection)\(([^;]*)")]
    private static partial Regex KafkaRegistration();

    [GeneratedRegex(@"connectionName:\s*""([^""]+)""")]
    private static partial Regex NamedConnectionArgument();

    [GeneratedRegex(@"^\s*""([^""]+)""")]
    private static partial Regex LeadingStringArgument();
}
