namespace Streaming.FaultHarness.Chaos;

/// <summary>
/// One row of the chaos table: what is done to the running pipeline (<see cref="InjectAsync"/>), how long it lasts
/// (<see cref="Hold"/>), how it ends (<see cref="LiftAsync"/>: the broker back up, the errors used up; nothing for a
/// kill), what is checked once the lag drained (<see cref="VerifyAsync"/>) and how the pipeline gets back to its
/// starting shape for the next row (<see cref="RestoreAsync"/>: a replacement worker, as Kubernetes would start).
/// </summary>
public sealed record PipelineFault(string Name, Func<Pipeline, FaultContext, Task> InjectAsync)
{
    private static readonly Func<Pipeline, FaultContext, Task> Nothing = (_, _) => Task.CompletedTask;

    public TimeSpan Hold { get; init; }

    public Func<Pipeline, FaultContext, Task> LiftAsync { get; init; } = Nothing;

    public Func<Pipeline, FaultContext, Task> VerifyAsync { get; init; } = Nothing;

    public Func<Pipeline, FaultContext, Task> RestoreAsync { get; init; } = Nothing;
}
