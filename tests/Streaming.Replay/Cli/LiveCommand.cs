namespace Streaming.Replay.Cli;

public static class LiveCommand
{
    public static Task<int> RunAsync(ArgumentList args, CancellationToken cancellationToken) => throw new UsageException("live: not yet");
}
