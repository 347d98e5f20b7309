using System.Globalization;
using StackExchange.Redis;

namespace Streaming.Benchmarks.Worker;

/// <summary>
/// A snapshot of a Redis server's CPU (<c>INFO cpu</c>: user + sys seconds) and command counts
/// (<c>INFO commandstats</c>, which counts the commands a script runs as well as the EVALSHA itself).
/// The difference of two snapshots is what a run cost the server.
/// </summary>
public sealed record RedisServerStats(double CpuSeconds, IReadOnlyDictionary<string, long> Calls, IReadOnlyDictionary<string, long> Microseconds)
{
    public static async Task<RedisServerStats> TakeAsync(IConnectionMultiplexer redis)
    {
        double cpu = 0;
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        var usec = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var server in redis.GetServers())
        {
            if (server.IsReplica)
            {
                continue;
            }
            var info = (string?)await server.ExecuteAsync("INFO", "cpu") ?? "";
            cpu += Field(info, "used_cpu_user") + Field(info, "used_cpu_sys");
            var stats = (string?)await server.ExecuteAsync("INFO", "commandstats") ?? "";
            foreach (var line in stats.Split('\n'))
            {
                // cmdstat_zincrby:calls=123,usec=...,...
                if (!line.StartsWith("cmdstat_", StringComparison.Ordinal))
                {
                    continue;
                }
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var name = line[8..colon];
                var parts = line[(colon + 1)..].Split(',');
                calls[name] = calls.GetValueOrDefault(name) + long.Parse(parts[0]["calls=".Length..], CultureInfo.InvariantCulture);
                usec[name] = usec.GetValueOrDefault(name) + long.Parse(parts[1]["usec=".Length..], CultureInfo.InvariantCulture);
            }
        }
        return new RedisServerStats(cpu, calls, usec);
    }

    /// <summary>What happened between <paramref name="before"/> and this snapshot, less the INFO calls themselves.</summary>
    public RedisServerStats Since(RedisServerStats before)
    {
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        var usec = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, count) in Calls)
        {
            var delta = count - before.Calls.GetValueOrDefault(name);
            if (delta > 0 && name != "info")
            {
                calls[name] = delta;
                usec[name] = Microseconds[name] - before.Microseconds.GetValueOrDefault(name);
            }
        }
        return new RedisServerStats(CpuSeconds - before.CpuSeconds, calls, usec);
    }

    public long TotalCalls => Calls.Values.Sum();

    /// <summary>Commands that are scripts (their inner commands are counted under their own names too).</summary>
    public long ScriptCalls => Calls.Where(c => c.Key is "evalsha" or "eval" or "fcall" or "evalsha_ro" or "eval_ro").Sum(c => c.Value);

    /// <summary>
    /// Server CPU and commands per event, then the commands that dominate: calls per event and the server's own
    /// microseconds per event in them (a script's figure includes its inner commands').
    /// </summary>
    public string Describe(long events) =>
        FormattableString.Invariant($"redis cpu {1e6 * CpuSeconds / events:F1} us/event, {(double)TotalCalls / events:F2} commands/event ({(double)ScriptCalls / events:F2} scripts + {(double)(TotalCalls - ScriptCalls) / events:F2} commands, inner included)")
        + Environment.NewLine + "    per event (calls / us): "
        + string.Join(", ", Calls.OrderByDescending(c => Microseconds.GetValueOrDefault(c.Key)).Take(10)
            .Select(c => FormattableString.Invariant($"{c.Key} {(double)c.Value / events:F2}/{(double)Microseconds.GetValueOrDefault(c.Key) / events:F1}")));

    /// <summary>A numeric field of an <c>INFO</c> reply (0 when absent).</summary>
    public static double Field(string info, string name)
    {
        foreach (var line in info.Split('\n'))
        {
            if (line.StartsWith(name + ":", StringComparison.Ordinal))
            {
                return double.Parse(line[(name.Length + 1)..].Trim(), CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }
}
