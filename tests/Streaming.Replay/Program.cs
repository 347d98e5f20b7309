using Streaming.Replay.Cli;

return await ReplayCli.RunAsync(args);
