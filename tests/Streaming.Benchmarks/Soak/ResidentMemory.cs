using System.Globalization;

namespace Streaming.Benchmarks.Soak;

/// <summary>A process's resident set (VmRSS of <c>/proc/PID/status</c>), in MiB; null once it is gone.</summary>
internal static class ResidentMemory
{
    public static double? MiB(int processId)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kib = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
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
