using System.Globalization;

namespace Streaming.TestInfrastructure.Processes;

/// <summary>Reads samples from a service's <c>/metrics</c> text (Prometheus exposition format).</summary>
public static class PrometheusText
{
    /// <summary>
    /// The sum of the samples of <paramref name="name"/> (the name exactly: followed by its labels or its value), of
    /// the series whose labels contain <paramref name="label"/> only, when given; 0 when absent.
    /// </summary>
    public static double Sum(string text, string name, string? label = null) =>
        text.Split('\n')
            .Where(l => l.StartsWith(name, StringComparison.Ordinal) && l.Length > name.Length && l[name.Length] is ' ' or '{')
            .Where(l => label is null || l.Contains(label, StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
