namespace Streaming.Replay.Protocol;

/// <summary>
/// Decides, in global order, which plays are scored targets: scored phase, not a skip, and a track not
/// among the user's last 20 plays (skips included). Those 20 tracks are also what every model's
/// candidates must exclude. Call <see cref="Inspect"/> then <see cref="Observe"/> for each event.
/// </summary>
public sealed class TargetSelector
{
    private readonly Dictionary<int, RecentPlays> _recent = [];

    public TargetDecision Inspect(TimelineEvent e)
    {
        var recent = _recent.TryGetValue(e.UserOrdinal, out var r) ? r : null;
        var isTarget = e.IsScoredPhase && !e.IsSkip && (recent is null || !recent.Contains(e.TrackKey));
        return new TargetDecision(isTarget, isTarget && recent is not null ? recent.ToSet() : []);
    }

    public void Observe(TimelineEvent e)
    {
        if (!_recent.TryGetValue(e.UserOrdinal, out var recent))
        {
            recent = new RecentPlays(ReplayProtocol.RecentWindow);
            _recent.Add(e.UserOrdinal, recent);
        }
        recent.Add(e.TrackKey);
    }
}

/// <param name="Exclude">Track keys of the user's last 20 plays: never recommendable.</param>
public sealed record TargetDecision(bool IsTarget, IReadOnlySet<int> Exclude);
