namespace Streaming.Replay.Cli;

public static class Usage
{
    public const string Text = """
        Streaming.Replay: replays listening sessions through the running system as a fleet of player clients
        and evaluates next-track recommendations against two baselines fed the same events.

          dotnet run --project tests/Streaming.Replay -- [live] [options]     replay against the services (default)
          dotnet run --project tests/Streaming.Replay -- offline [options]    baselines only, no services
          dotnet run --project tests/Streaming.Replay -- inprocess [options]  the worker's fold into a local redis-server and
                                                                             the recommender's ranking, one process
          dotnet run --project tests/Streaming.Replay -- simulate [options]   the fold and ranking in memory: train and
                                                                             cross-validate rankers (see README)
          dotnet run --project tests/Streaming.Replay -- help

        Source (every verb):
          --source synthetic|history|mpd   default synthetic (history when --history is given)
          --data PATH                      folder of user folders with StreamingHistory*.json, or of mpd.slice.*.json
          --history PATH                   shorthand for --source history --data PATH
          --users N                        first N users (history: folders in name order; mpd: playlists); synthetic: 100
          --seed N                         synthetic world seed (default 42; the catalog build's --synthetic --seed)
          --catalog PATH                   catalog snapshot file or snapshot folder (newest): names -> catalog ids

        offline:
          --identity names|catalog|both    history track keys: exact names (= next_track_baselines.py),
                                           catalog ids (= what live posts), or both (default)
          --report DIR                     also write summary.md + hit-rate.png (of the last run)

        inprocess (needs --catalog):
          --redis HOST:PORT                use this Redis instead of starting a private redis-server
          --ablation                       also score the system with each candidate source off, and the ranker off

        simulate (needs --catalog): --train, --folds N, --grid, --model-out PATH and the ranking settings;
          tests/Streaming.Replay/README.md lists them all

        live:
          --gateway URL                    default $GATEWAY_URL, else http://127.0.0.1:5101
          --recommender URL                default $RECOMMENDER_URL, else http://127.0.0.1:5102
          --signing-key KEY                default $Auth__SigningKey: mints the service token
          --token JWT                      use this bearer token instead of minting one
          --speedup X                      event time runs X times faster than real time; 0 = as fast as possible (default 0)
          --concurrency N                  steps (of different users) in flight; also the global-order window (default 8;
                                           1 = strictly in order)
          --batch N                        events per POST /v1/events (1..500, default 200)
          --apply-timeout S                longest wait for the previous event to be applied before asking (default 10)
          --max-in-flight N                posted but not yet applied events, all users (default 20000)
          --max-partition-in-flight N      the same per Kafka partition of listening-events (default 4000, ~1.6 MiB
                                           of the dev broker's ~5 MiB per partition)
          --partitions N                   partitions of listening-events (default 32, the dev broker's)
          --rate R                         client-side limit, requests/s per service (default 400; services allow 500)
          --user-prefix P                  prefix user ids (re-running against a stack that already saw these users)
          --probe-interval S               seconds between freshness probes, all probe users together (default 0.05)
          --no-probes                      no freshness probes
          --report DIR                     default ./reports/replay-<UTC timestamp>
          --no-progress                    no live progress bar (also off when stdout is not a terminal)
          --dashboard URL                  dashboard link for the report (default $DASHBOARD_URL)

        """;
}
