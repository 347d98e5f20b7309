using Streaming.Contracts.Events;
using Streaming.TasteMath;

namespace Streaming.TasteStore;

/// <summary>
/// One user's update of <see cref="Before"/>, applied atomically by one script if the user's sequence is still
/// <see cref="ExpectedSequence"/>: optional erasure first, then the new state, history, skips,
/// applied event ids and play counts.
/// </summary>
public sealed class UserWrite(StoredUserState before)
{
    /// <summary>What the store held when the write was computed: the lists the write extends.</summary>
    public StoredUserState Before { get; } = before ?? throw new ArgumentNullException(nameof(before));

    public string UserId => Before.UserId;

    public long ExpectedSequence => Before.Sequence;

    /// <summary>The stored user once applied (<see cref="TasteStore.StateAfter"/>), computed once.</summary>
    internal StoredUserState? After { get; set; }

    /// <summary>Delete every key of the user before writing (an erasure came first).</summary>
    public bool EraseFirst { get; set; }

    /// <summary>A new session began: the stored session skips are dropped before <see cref="SessionSkips"/> are added.</summary>
    public bool ResetSessionSkips { get; set; }

    /// <summary>The state to store (all fields); null writes no state (an erasure with nothing after it).</summary>
    public UserTaste? State { get; set; }

    /// <summary>Tracks entering the recent history, oldest first.</summary>
    public List<string> RecentPushes { get; } = [];

    public List<string> SessionSkips { get; } = [];

    /// <summary>Event ids (with event time) now applied, in fold order, for de-duplication; the last one is stored as the user's last applied event id.</summary>
    public List<(string EventId, long EventTimeMs)> AppliedEvents { get; } = [];

    /// <summary>Counted plays to add, by plays-hash field (see <see cref="AddPlay"/>).</summary>
    public Dictionary<string, long> PlayIncrements { get; } = new(StringComparer.Ordinal);

    /// <summary>Highest partition offset now applied, by its <see cref="TasteKeys.OffsetField"/> name (<see cref="StoredUserState.Offsets"/>).</summary>
    public (string Field, long Offset)? AppliedOffset { get; set; }

    public void AddPlay(string trackId, long eventTimeMs)
    {
        var field = TasteKeys.PlaysField(DateTimeOffset.FromUnixTimeMilliseconds(eventTimeMs).UtcDateTime.Year, trackId);
        PlayIncrements[field] = PlayIncrements.GetValueOrDefault(field) + 1;
    }

    /// <summary>
    /// Records what one event folded by <see cref="TasteFolder"/> changes in the store besides the state: recent
    /// history, session skips, play counts, trending, transitions, co-listening, and the event id as applied.
    /// </summary>
    public void Record(ListeningEvent e, in TasteEffects effects, AggregateBatch aggregates)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(aggregates);
        var t = e.OccurredAt.ToUnixTimeMilliseconds();
        if (effects.SessionReset)
        {
            ResetSessionSkips = true;
            SessionSkips.Clear();
        }
        if (effects.PushRecent)
        {
            RecentPushes.Add(e.TrackId);
        }
        if (effects.AddSessionSkip)
        {
            SessionSkips.Add(e.TrackId);
        }
        if (effects.CountPlay)
        {
            AddPlay(e.TrackId, t);
            aggregates.AddPlay(e.TrackId, t);
        }
        if (effects.TransitionFrom is { } from)
        {
            aggregates.AddTransition(from, e.TrackId, t);
        }
        if (effects.CoListenedWith is { } partners)
        {
            foreach (var partner in partners)
            {
                aggregates.AddCoListening(partner, e.TrackId, t);
            }
        }
        AppliedEvents.Add((e.EventId, t));
    }

    /// <summary>Forget what was collected so far (an erasure follows it).</summary>
    public void Erase()
    {
        EraseFirst = true;
        ResetSessionSkips = false;
        RecentPushes.Clear();
        SessionSkips.Clear();
        AppliedEvents.Clear();
        PlayIncrements.Clear();
    }

    public bool IsEmpty => !EraseFirst && State is null && AppliedEvents.Count == 0;
}
