using System.Globalization;

namespace Streaming.Replay.Cli;

/// <summary>
/// <c>--name value</c>, <c>--name=value</c> and bare <c>--flag</c> options. Every option must be read
/// (or declared as a flag) before <see cref="ThrowOnUnknown"/>, so typos fail instead of being ignored.
/// </summary>
public sealed class ArgumentList
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public ArgumentList(IEnumerable<string> args, IReadOnlySet<string> flags)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var arg = list[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException($"Unexpected argument '{arg}'.");
            }
            var name = arg[2..];
            string? value = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (!flags.Contains(name))
            {
                if (i + 1 >= list.Count)
                {
                    throw new UsageException($"Option --{name} needs a value.");
                }
                value = list[++i];
            }
            _values[name] = value;
        }
    }

    public bool Flag(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var v) && (v is null || bool.Parse(v));
    }

    public string? String(string name, string? fallback = null)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var v) && v is not null ? v : fallback;
    }

    public int? Int(string name, int? fallback = null, int min = int.MinValue)
    {
        var text = String(name);
        if (text is null)
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw new UsageException($"--{name} must be an integer >= {min}, got '{text}'.");
        }
        return value;
    }

    public double Double(string name, double fallback, double min = double.MinValue)
    {
        var text = String(name);
        if (text is null)
        {
            return fallback;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw new UsageException($"--{name} must be a number >= {min}, got '{text}'.");
        }
        return value;
    }

    public TimeSpan Seconds(string name, TimeSpan fallback) =>
        TimeSpan.FromSeconds(Double(name, fallback.TotalSeconds, 0));

    public void ThrowOnUnknown()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToArray();
        if (unknown.Length > 0)
        {
            throw new UsageException($"Unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }
}
