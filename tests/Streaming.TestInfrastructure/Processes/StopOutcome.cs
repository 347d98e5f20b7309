namespace Streaming.TestInfrastructure.Processes;

/// <summary>How a service stopped after SIGTERM.</summary>
/// <param name="Exited">False when it was still running after the patience (then it was killed).</param>
/// <param name="ErrorLines">Log lines at error or critical level, and any line naming an exception, logged from the signal on.</param>
public sealed record StopOutcome(bool Exited, TimeSpan Elapsed, int? ExitCode, IReadOnlyList<string> ErrorLines, string Output)
{
    /// <summary>Error and critical entries of the console logger ("fail:", "crit:") and lines that name an exception or a crash.</summary>
    public static IReadOnlyList<string> FindErrorLines(IEnumerable<string> lines) =>
        lines.Where(l => l.StartsWith("fail:", StringComparison.Ordinal)
                         || l.StartsWith("crit:", StringComparison.Ordinal)
                         || l.Contains("Exception", StringComparison.Ordinal)
                         || l.Contains("Unhandled", StringComparison.Ordinal))
            .ToArray();

    /// <summary>A message for assertions: what went wrong and the logs.</summary>
    public string Describe() =>
        $"exited={Exited} after {Elapsed.TotalSeconds:0.0} s, code {ExitCode}; {ErrorLines.Count} error line(s):{Environment.NewLine}" +
        string.Join(Environment.NewLine, ErrorLines) + Environment.NewLine + Output;
}
