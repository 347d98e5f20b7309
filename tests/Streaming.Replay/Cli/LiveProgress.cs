using System.Globalization;
using Spectre.Console;
using Streaming.Replay.Live;

namespace Streaming.Replay.Cli;

/// <summary>
/// The live progress display: a Spectre.Console progress bar on a terminal, else (CI, redirected output)
/// one plain line every 10 seconds.
/// </summary>
public static class LiveProgress
{
    public static async Task ShowAsync(LiveReplayRunner runner, int eventsTotal, bool interactive, Func<double> clock, CancellationToken stop)
    {
        if (interactive)
        {
            await AnsiConsole.Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var events = ctx.AddTask("events", maxValue: Math.Max(1, eventsTotal));
                    var targets = ctx.AddTask("targets", maxValue: Math.Max(1, runner.TargetsPlanned));
                    while (true)
                    {
                        events.Value = runner.Counters.EventsPosted + runner.Counters.EventsRejected;
                        events.Description = $"events {events.Value:N0}/{eventsTotal:N0}, in flight {runner.Tracker.Outstanding:N0}";
                        targets.Value = runner.Board.Targets;
                        targets.Description = Markup.Escape(Describe(runner));
                        if (stop.IsCancellationRequested)
                        {
                            break;
                        }
                        try
                        {
                            await Task.Delay(250, stop);
                        }
                        catch (OperationCanceledException)
                        {
                        }
                    }
                });
            return;
        }
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10), stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{clock():F0} s] events {runner.Counters.EventsPosted + runner.Counters.EventsRejected:N0}/{eventsTotal:N0}, in flight {runner.Tracker.Outstanding:N0}; {Describe(runner)}"));
        }
    }

    private static string Describe(LiveReplayRunner runner)
    {
        var scores = runner.Board.Scores();
        var hr = string.Join(", ", scores.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Model} {s.HitRate:F3}")));
        return $"targets {runner.Board.Targets:N0}/{runner.TargetsPlanned:N0}, HR@10 {hr}";
    }
}
