using System.Globalization;

namespace Streaming.Catalog.Cli;

/// <summary>"--name value" and "--flag" arguments after the verb; a name the verb does not know is an error, not ignored.</summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public CliArguments(IEnumerable<string> args, IReadOnlySet<string> flags, IReadOnlySet<string> options)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{name}'.");
            }
            if (flags.Contains(name))
            {
                _values[name] = null;
            }
            else if (!options.Contains(name))
            {
                throw new ArgumentException($"Unknown option '{name}'.");
            }
            else if (e.MoveNext())
            {
                _values[name] = e.Current;
            }
            else
            {
                throw new ArgumentException($"Option '{name}' needs a value.");
            }
        }
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? String(string name) => _values.GetValueOrDefault(name);

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var v) && v is not null
            ? int.Parse(v, CultureInfo.InvariantCulture)
            : fallback;

    public double Double(string name, double fallback) =>
        _values.TryGetValue(name, out var v) && v is not null
            ? double.Parse(v, CultureInfo.InvariantCulture)
            : fallback;
}
