using System.Globalization;

namespace Streaming.Benchmarks;

/// <summary>Tiny <c>--name value</c> parser for bench options.</summary>
public sealed class BenchArgs(string[] args)
{
    public string? Get(string name)
    {
        var i = Array.IndexOf(args, "--" + name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) => Get(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public string String(string name, string fallback) => Get(name) ?? fallback;

    public bool Flag(string name) => Array.IndexOf(args, "--" + name) >= 0;

    /// <summary><c>--NAME K1=V1,K2=V2</c> as a dictionary (e.g. environment variables for a child process); empty when absent.</summary>
    public Dictionary<string, string?> Pairs(string name) => String(name, "")
        .Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('=', 2))
        .ToDictionary(p => p[0], p => (string?)(p.Length > 1 ? p[1] : ""));
}
