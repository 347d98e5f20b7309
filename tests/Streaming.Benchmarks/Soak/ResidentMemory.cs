using System.Globalization;

namespace Streaming.Benchmarks.Soak;

/// <summary>
/// A process's resident memory from <c>/proc/PID/status</c>, in MiB; null once it is gone. <c>VmRSS</c> is the sum of
/// <c>RssAnon</c> (private memory: heaps, malloc arenas, stacks; what a leak grows), <c>RssFile</c> (mapped files:
/// assemblies and native libraries) and <c>RssShmem</c> (for .NET mostly JIT-compiled code, which the runtime maps
/// twice through shared memory so that no page is writable and executable at once).
/// </summary>
internal static class ResidentMemory
{
    public const string Total = "VmRSS";
    public const string Anonymous = "RssAnon";
    public const string SharedMemory = "RssShmem";

    public static double? MiB(int processId, string field = Total)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal) && line.AsSpan(field.Length).StartsWith(":"))
                {
                    var kib = long.Parse(line.AsSpan(field.Length + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                    return kib / 1024.0;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }
}
