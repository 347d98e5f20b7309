using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Streaming.Deployment.Tests;

/// <summary>Alert rules, the dashboard and the runbook use the metric contract and each other consistently.</summary>
public sealed partial class ObservabilityTests
{
    private const string ContractPath = "deploy/observability/metrics-contract.md";

    [Fact]
    public void AlertsAndDashboard_UseOnlyContractMetrics()
    {
        var contract = ContractMetrics();
        var used = AlertExpressions().Concat(DashboardExpressions()).SelectMany(MetricNames).ToHashSet();
        var unknown = used.Where(m => !contract.Contains(m)).Order().ToList();
        Assert.True(unknown.Count == 0, $"not in {ContractPath}: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void ContractMetrics_EachIsAlertedOnOrCharted()
    {
        var used = AlertExpressions().Concat(DashboardExpressions()).SelectMany(MetricNames).ToHashSet();
        var unused = ContractMetrics().Where(m => !used.Contains(m)).Order().ToList();
        Assert.True(unused.Count == 0, $"in {ContractPath} but in no alert or panel: {string.Join(", ", unused)}");
    }

    [Fact]
    public void ContractMetrics_EachIsAnInstrumentTheServicesCreate()
    {
        var exported = InstrumentsInCode();
        foreach (var service in Repository.Services)
        {
            CodeFacts.RequireProject(service);
        }
        var missing = ContractMetrics()
            .Where(m => m.StartsWith("streaming_", StringComparison.Ordinal) && !exported.ContainsKey(m))
            .Order()
            .ToList();
        Assert.True(missing.Count == 0,
            $"in {ContractPath} but created by no Meter in services/ or shared/: {string.Join(", ", missing)}. " +
            $"Instruments found: {string.Join(", ", exported.Select(e => $"{e.Value} -> {e.Key}").Order())}");
    }

    [Fact]
    public void ContractMetrics_FollowOpenTelemetryPrometheusNaming()
    {
        foreach (var row in ContractRows())
        {
            switch (row.Type)
            {
                case "counter":
                    Assert.EndsWith("_total", row.Name);
                    break;
                case "histogram":
                    Assert.EndsWith("_seconds", row.Name);
                    break;
                case "gauge":
                    Assert.False(row.Name.EndsWith("_total", StringComparison.Ordinal), $"{row.Name}: a gauge must not end in _total");
                    break;
                default:
                    Assert.Fail($"{row.Name}: unknown type '{row.Type}' in {ContractPath}");
                    break;
            }
        }
    }

    [Fact]
    public void Alerts_EachHasARunbookSectionInTheReadme()
    {
        var readme = Repository.ReadText("deploy/README.md");
        var headings = RunbookHeading().Matches(readme).Select(m => m.Groups[1].Value).ToHashSet();
        foreach (var rule in AlertRules().Where(r => r["alert"] is not null))
        {
            var name = (string)rule["alert"]!;
            Assert.True(headings.Contains(name), $"deploy/README.md has no '### {name}' runbook section");
            Assert.Equal($"deploy/README.md#{name.ToLowerInvariant()}", (string?)rule["annotations"]?["runbook"]);
            Assert.Contains((string?)rule["labels"]?["severity"], new[] { "warning", "critical" });
        }
    }

    [Fact]
    public void Alerts_TargetDownCoversEveryService()
    {
        var expr = (string)AlertRules().Single(r => (string?)r["alert"] == "StreamingTargetDown")["expr"]!;
        var jobs = JobMatcher().Match(expr).Groups[1].Value.Split('|').Order();
        Assert.Equal(Repository.Services.Select(s => s.Name).Order(), jobs);
    }

    [Fact]
    public void MetricsContract_ListedInReadme()
    {
        var readme = Repository.ReadText("deploy/README.md");
        foreach (var metric in ContractMetrics().Where(m => m.StartsWith("streaming_", StringComparison.Ordinal)))
        {
            Assert.Contains(metric, readme, StringComparison.Ordinal);
        }
    }

    private sealed record ContractRow(string Name, string Type);

    /// <summary>
    /// Prometheus name -> instrument name of every instrument created in services/ and shared/, converted
    /// as the OpenTelemetry Prometheus exporter does ('.' -> '_', unit suffix, '_total' on counters).
    /// </summary>
    private static Dictionary<string, string> InstrumentsInCode()
    {
        var sep = Path.DirectorySeparatorChar;
        var files = new[] { "services", "shared" }
            .Select(Repository.PathOf)
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal) && !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal));
        var result = new Dictionary<string, string>();
        foreach (var file in files)
        {
            var code = CodeFacts.StripComments(File.ReadAllText(file));
            foreach (Match m in InstrumentCreation().Matches(code))
            {
                var kind = m.Groups["kind"].Value;
                var name = m.Groups["name"].Value;
                var rest = NamedNonUnitArgument().Replace(m.Groups["rest"].Value, "");
                var named = NamedUnit().Match(rest);
                var unit = named.Success ? named.Groups[1].Value : FirstLiteral().Match(rest) is { Success: true } f ? f.Groups[1].Value : "";
                var prometheus = name.Replace('.', '_') + unit switch
                {
                    "s" => "_seconds",
                    "ms" => "_milliseconds",
                    "By" => "_bytes",
                    _ => "",
                };
                if (kind.EndsWith("Counter", StringComparison.Ordinal) && !kind.Contains("UpDown", StringComparison.Ordinal))
                {
                    prometheus += "_total";
                }
                result[prometheus] = name;
            }
        }
        return result;
    }

    private static IReadOnlyList<ContractRow> ContractRows() =>
        ContractRow_().Matches(Repository.ReadText(ContractPath))
            .Select(m => new ContractRow(m.Groups[1].Value, m.Groups[2].Value.Trim()))
            .ToList();

    private static IReadOnlySet<string> ContractMetrics() => ContractRows().Select(r => r.Name).Append("up").ToHashSet();

    private static IEnumerable<JsonObject> AlertRules() =>
        Tools.YamlDocuments("deploy/observability/prometheus/alerts.yml").Single()!["groups"]!.AsArray()
            .SelectMany(g => g!["rules"]!.AsArray()).Select(r => r!.AsObject());

    private static IEnumerable<string> AlertExpressions() => AlertRules().Select(r => (string)r["expr"]!);

    private static IEnumerable<string> DashboardExpressions() =>
        JsonNode.Parse(Repository.ReadText("deploy/observability/grafana/streaming-dashboard.json"))!["panels"]!.AsArray()
            .SelectMany(p => p!["targets"]?.AsArray() ?? []).Select(t => (string)t!["expr"]!);

    /// <summary>Metric names in a PromQL expression (histogram series folded to their base name).</summary>
    private static IEnumerable<string> MetricNames(string expr) =>
        MetricToken().Matches(Grouping().Replace(LabelMatchers().Replace(expr, "{}"), " "))
            .Select(m => m.Value)
            .Where(t => (t.Contains('_', StringComparison.Ordinal) || t == "up") && !PromQlWord().IsMatch(t))
            .Select(t => HistogramSuffix().Replace(t, ""));

    [GeneratedRegex(@"^\|\s*`([a-z_:][a-z0-9_:]*)`\s*\|\s*([a-z]+)\s*\|", RegexOptions.Multiline)]
    private static partial Regex ContractRow_();

    [GeneratedRegex(@"(?<![\w:$.])[a-z_][a-z0-9_]*(?![\w(])")]
    private static partial Regex MetricToken();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\.Create(?<kind>Counter|Histogram|Gauge|UpDownCounter|ObservableGauge|ObservableCounter|ObservableUpDownCounter)(?:<\w+>)?\(\s*""(?<name>[a-z0-9_.]+)""(?<rest>[^;]*)")]
    private static partial Regex InstrumentCreation();

    [GeneratedRegex(@"\b(description|advice|tags):\s*(""[^""]*""|new[^;]*)")]
    private static partial Regex NamedNonUnitArgument();

    [GeneratedRegex(@"\bunit:\s*""([^""]*)""")]
    private static partial Regex NamedUnit();

    [GeneratedRegex(@"""([^""]*)""")]
    private static partial Regex FirstLiteral();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"^(by|without|on|ignoring|group_left|group_right|bool|and|or|unless|offset)$")]
    private static partial Regex PromQlWord();

    [GeneratedRegex(@"_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();

    [GeneratedRegex(@"^### ([A-Za-z0-9]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex RunbookHeading();

    [GeneratedRegex(@"job=~""([^""]+)""")]
    private static partial Regex JobMatcher();
}
