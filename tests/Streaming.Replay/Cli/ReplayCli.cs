using System.Runtime.InteropServices;
using Streaming.Replay.Sources;

namespace Streaming.Replay.Cli;

/// <summary>Verb dispatch: <c>live</c> (the default), <c>offline</c>, <c>inprocess</c>, <c>simulate</c>, <c>help</c>.</summary>
public static class ReplayCli
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "no-progress", "no-probes", "help" };

    private static Action<PosixSignalContext> StopGracefully(CancellationTokenSource cancel) => context =>
    {
        if (!cancel.IsCancellationRequested)
        {
            context.Cancel = true;
            cancel.Cancel();
        }
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "live";
        var rest = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[1..] : args;
        try
        {
            switch (verb)
            {
                case "help" or "-h":
                    Console.Out.Write(Usage.Text);
                    return 0;
                case "offline":
                    return OfflineCommand.Run(new ArgumentList(rest, Flags), Console.Out);
                case "inprocess":
                    return await InProcess.InProcessCommand.RunAsync(new ArgumentList(rest, new HashSet<string>(Flags) { "ablation" }), Console.Out, CancellationToken.None);
                case "simulate":
                    return Simulation.SimulateCommand.Run(new ArgumentList(rest, new HashSet<string>(Flags) { "train", "no-evaluate" }), Console.Out);
                case "live":
                    using (var cancel = new CancellationTokenSource())
                    // Ctrl+C and SIGTERM (timeouts, CI) stop dispatching; the report covers what ran.
                    using (PosixSignalRegistration.Create(PosixSignal.SIGINT, StopGracefully(cancel)))
                    using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopGracefully(cancel)))
                    {
                        return await LiveCommand.RunAsync(new ArgumentList(rest, Flags), cancel.Token);
                    }
                default:
                    throw new UsageException($"Unknown verb '{verb}'.");
            }
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"replay: {e.Message}");
            await Console.Error.WriteAsync(Usage.Text);
            return 2;
        }
        catch (SourceFormatException e)
        {
            await Console.Error.WriteLineAsync($"replay: unreadable source file: {e.Message}");
            return 3;
        }
    }
}
