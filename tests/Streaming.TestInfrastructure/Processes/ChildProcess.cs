using System.Diagnostics;

namespace Streaming.TestInfrastructure.Processes;

/// <summary>
/// A child process whose stdout/stderr are drained continuously (so it never blocks on a full pipe)
/// and kept as bounded tails for error messages.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int TailLines = 200;
    private const int MaxKeptLines = 100_000;

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly Queue<string> _stdout = new();
    private readonly Queue<string> _stderr = new();
    private readonly List<string> _all = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Completes once the process has exited and its output has been read to the end (see <see cref="OnExitedAsync"/>).</summary>
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _exited.Task.IsCompleted;

    public static ChildProcess Start(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, stdout: true);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, stdout: false);
        process.Exited += (_, _) => _ = child.OnExitedAsync();
        try
        {
            process.Start();
        }
        catch (Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start {name} ({fileName}): {ex.Message}", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for a stdout line matching <paramref name="match"/>; fails with the output tails on exit or timeout.</summary>
    public async Task<string> WaitForOutputLineAsync(Func<string, bool> match, TimeSpan timeout, string waitingFor)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var existing = _stdout.FirstOrDefault(match);
            if (existing is not null)
            {
                return existing;
            }

            _waiters.Add((match, found));
        }

        var completed = await Task.WhenAny(found.Task, _exited.Task, Task.Delay(timeout));
        if (completed == found.Task)
        {
            return await found.Task;
        }

        lock (_gate)
        {
            _waiters.RemoveAll(w => w.Found == found);
        }

        if (found.Task.IsCompletedSuccessfully)
        {
            return found.Task.Result;
        }

        var reason = completed == _exited.Task
            ? $"{Name} exited with code {SafeExitCode()} before {waitingFor}"
            : $"{Name} did not report {waitingFor} within {timeout.TotalSeconds:0} s";
        throw new InvalidOperationException($"{reason}.{Environment.NewLine}{DescribeOutput()}");
    }

    /// <summary>Every line so far (stdout and stderr interleaved as they arrived; the first 100,000).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return _all.ToArray();
            }
        }
    }

    /// <summary>Exit code once exited, else null.</summary>
    public int? ExitCode => HasExited ? _process.ExitCode : null;

    /// <summary>Sends SIGTERM (what Kubernetes and Aspire send) and waits up to <paramref name="timeout"/> for the exit; false when still running.</summary>
    public async Task<bool> TerminateAsync(TimeSpan timeout)
    {
        if (HasExited)
        {
            return true;
        }
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        return await Task.WhenAny(_exited.Task, Task.Delay(timeout)) == _exited.Task;
    }

    /// <summary>
    /// SIGTERM, then waits for the exit (at most <paramref name="patience"/>, so a hang fails the test instead of
    /// stalling it; a process still running then is killed). The outcome says how long the stop took and what
    /// the process logged at error level from the signal on (an outage a test staged before it may have logged errors).
    /// </summary>
    public async Task<StopOutcome> StopAsync(TimeSpan patience)
    {
        int mark;
        lock (_gate)
        {
            mark = _all.Count;
        }
        var clock = Stopwatch.StartNew();
        var exited = await TerminateAsync(patience);
        var elapsed = clock.Elapsed;
        if (!exited)
        {
            await KillAsync();
        }
        return new StopOutcome(exited, elapsed, ExitCode, StopOutcome.FindErrorLines(Lines.Skip(mark)), DescribeOutput());
    }

    /// <summary>Recent stdout and stderr, for failure messages.</summary>
    public string DescribeOutput()
    {
        lock (_gate)
        {
            return $"--- {Name} stderr (last {_stderr.Count} lines) ---{Environment.NewLine}{string.Join(Environment.NewLine, _stderr)}"
                   + $"{Environment.NewLine}--- {Name} stdout (last {_stdout.Count} lines) ---{Environment.NewLine}{string.Join(Environment.NewLine, _stdout)}";
        }
    }

    /// <summary>Kills the process (and its children) and waits for it to be gone.</summary>
    public async Task KillAsync(TimeSpan? timeout = null)
    {
        if (!HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"{Name} (pid {_process.Id}) did not exit after kill.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void OnLine(string? line, bool stdout)
    {
        if (line is null)
        {
            return;
        }

        List<TaskCompletionSource<string>>? matched = null;
        lock (_gate)
        {
            var tail = stdout ? _stdout : _stderr;
            tail.Enqueue(line);
            if (_all.Count < MaxKeptLines)
            {
                _all.Add(line);
            }
            if (tail.Count > TailLines)
            {
                tail.Dequeue();
            }

            if (stdout)
            {
                foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
                {
                    (matched ??= []).Add(waiter.Found);
                    _waiters.Remove(waiter);
                }
            }
        }

        matched?.ForEach(found => found.TrySetResult(line));
    }

    /// <summary>
    /// <see cref="Process.Exited"/> fires when the process dies, before the last lines it wrote have been delivered;
    /// <see cref="Process.WaitForExitAsync"/> also waits for the end of both streams. Bounded, because a grandchild
    /// that inherited the pipes (a server's worker process) can keep them open after the process itself is gone.
    /// </summary>
    private async Task OnExitedAsync()
    {
        using var drain = new CancellationTokenSource(DrainTimeout);
        try
        {
            await _process.WaitForExitAsync(drain.Token);
        }
        catch (OperationCanceledException)
        {
            // Exited; the streams stay open elsewhere. What arrived so far is what there is.
        }
        _exited.TrySetResult();
    }

    private string SafeExitCode()
    {
        try
        {
            return _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }
}
