using Streaming.Contracts.Events;

namespace Streaming.TasteMath;

/// <summary>
/// Applies one event to a user's taste. The worker folds each user's events in partition order with
/// this; an offline recomputation folding the same events in the same order gets the same state.
/// Rules:
/// <list type="bullet">
/// <item>Session: a new session id at or after the current session's last event, or a gap over
/// <see cref="TasteParameters.SessionGap"/>, resets the session vector and skips. A late event of an
/// older session touches no session state.</item>
/// <item>Private events steer the session vector and the recent history only: never the long-term
/// vector, play counts, trending or transitions.</item>
/// <item>A track without a vector (unknown to the catalog) still enters the history; the vectors skip it.</item>
/// <item>A stored vector of another embedding space than the catalog's is dropped (restarted empty),
/// never combined.</item>
/// <item>The listener's <see cref="ListeningHistory"/> and the session's co-listening window take public
/// plays and skips only.</item>
/// </list>
/// </summary>
public sealed class TasteFolder(TasteParameters parameters)
{
    public TasteParameters Parameters { get; } = parameters ?? throw new ArgumentNullException(nameof(parameters));

    /// <param name="trackVector">The track's unit vector in <paramref name="spaceId"/>, or empty when the catalog has none.</param>
    public TasteEffects Apply(UserTaste taste, ListeningEvent e, ReadOnlySpan<float> trackVector, string spaceId)
    {
        ArgumentNullException.ThrowIfNull(taste);
        ArgumentNullException.ThrowIfNull(e);
        if (e.Kind == ListeningEventKind.Unknown)
        {
            return default;
        }

        var t = e.OccurredAt.ToUnixTimeMilliseconds();
        var session = ClassifySession(taste, e.SessionId, t);
        var effects = new TasteEffects { SessionReset = session == SessionMatch.New };
        if (session == SessionMatch.New)
        {
            taste.SessionId = e.SessionId;
            taste.SessionLastMs = t;
            taste.Session = null;
            taste.PreviousPlay = null;
            taste.NowPlaying = null;
            taste.SessionTracks = [];
            taste.SessionPlays = 0;
        }
        else if (session == SessionMatch.Current && t > taste.SessionLastMs)
        {
            taste.SessionLastMs = t;
        }
        taste.LastEventMs = taste.LastEventMs is { } last ? Math.Max(last, t) : t;
        var inSession = session != SessionMatch.Older;

        // Recent history: play_started enters at once ("now playing"); its end does not enter twice.
        var push = false;
        switch (e.Kind)
        {
            case ListeningEventKind.PlayStarted:
                push = true;
                taste.NowPlaying = e.TrackId;
                break;
            case ListeningEventKind.PlayEnded or ListeningEventKind.Skip:
                push = !string.Equals(taste.NowPlaying, e.TrackId, StringComparison.Ordinal);
                if (!push)
                {
                    taste.NowPlaying = null;
                }
                break;
        }

        if (push && inSession)
        {
            taste.SessionPlays++;
        }

        var skip = e.IsSkip;
        var counted = EventWeights.IsCountedPlay(e);
        string? transitionFrom = null;
        IReadOnlyList<string>? coListened = null;
        if (counted)
        {
            taste.PlayCount++;
            var previousKey = TrackKey.None;
            if (inSession)
            {
                if (taste.PreviousPlay is { } previous && !string.Equals(previous, e.TrackId, StringComparison.Ordinal))
                {
                    transitionFrom = previous;
                    previousKey = TrackKey.Of(previous);
                }
                taste.PreviousPlay = e.TrackId;
                coListened = CoListen(taste.SessionTracks, e.TrackId);
            }
            taste.History.RecordPlay(TrackKey.Of(e.TrackId), t, previousKey, Parameters);
        }
        else if (skip && !e.PrivateSession && e.Kind is ListeningEventKind.PlayEnded or ListeningEventKind.Skip)
        {
            taste.History.RecordSkip(TrackKey.Of(e.TrackId), t, Parameters);
        }
        else if (e.PrivateSession && inSession && e.Kind == ListeningEventKind.PlayEnded && !skip)
        {
            // A private play breaks the public sequence: nothing private leaks into transitions.
            taste.PreviousPlay = null;
        }

        var weight = EventWeights.Of(e, Parameters);
        var outcome = VectorOutcome.None;
        bool longTermReset = false, sessionReset = false;
        var touchesLongTerm = weight != 0f && !e.PrivateSession;
        var touchesSession = weight != 0f && inSession;
        if (touchesLongTerm || touchesSession)
        {
            if (trackVector.IsEmpty)
            {
                outcome = VectorOutcome.UnknownTrack;
            }
            else
            {
                outcome = VectorOutcome.Applied;
                if (touchesLongTerm)
                {
                    taste.LongTerm = InSpace(taste.LongTerm, spaceId, trackVector.Length, out longTermReset);
                    taste.LongTerm.Add(trackVector, weight, t, Parameters.LongTermHalfLife);
                }
                if (touchesSession)
                {
                    taste.Session = InSpace(taste.Session, spaceId, trackVector.Length, out sessionReset);
                    taste.Session.Add(trackVector, weight, t, Parameters.SessionHalfLife);
                }
            }
        }

        return effects with
        {
            PushRecent = push,
            AddSessionSkip = skip && inSession,
            CountPlay = counted,
            TransitionFrom = transitionFrom,
            CoListenedWith = coListened,
            Vector = outcome,
            LongTermSpaceReset = longTermReset,
            SessionSpaceReset = sessionReset,
        };
    }

    /// <summary>Folds a whole sequence from an empty state (the offline recomputation).</summary>
    public UserTaste Replay(IEnumerable<ListeningEvent> events, Func<string, ReadOnlyMemory<float>> vectorOf, string spaceId)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(vectorOf);
        var taste = new UserTaste();
        foreach (var e in events)
        {
            Apply(taste, e, vectorOf(e.TrackId).Span, spaceId);
        }
        return taste;
    }

    private SessionMatch ClassifySession(UserTaste taste, string sessionId, long t)
    {
        if (taste.SessionId is null || taste.SessionLastMs is not { } last)
        {
            return SessionMatch.New;
        }
        if (t > last && t - last > (long)Parameters.SessionGap.TotalMilliseconds)
        {
            return SessionMatch.New;
        }
        if (string.Equals(taste.SessionId, sessionId, StringComparison.Ordinal))
        {
            return SessionMatch.Current;
        }
        return t >= last ? SessionMatch.New : SessionMatch.Older;
    }

    /// <summary>The window's tracks other than this one (what it is co-listened with), then this play joins the window.</summary>
    private string[]? CoListen(List<string> window, string trackId)
    {
        var partners = window.Where(w => !string.Equals(w, trackId, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToArray();
        window.Add(trackId);
        if (window.Count > Parameters.SessionWindow)
        {
            window.RemoveRange(0, window.Count - Parameters.SessionWindow);
        }
        return partners.Length > 0 ? partners : null;
    }

    private static DecayedVector InSpace(DecayedVector? vector, string spaceId, int dimensions, out bool reset)
    {
        reset = vector is not null && (!string.Equals(vector.SpaceId, spaceId, StringComparison.Ordinal) || vector.Dimensions != dimensions);
        return vector is null || reset ? new DecayedVector(spaceId, dimensions) : vector;
    }

    private enum SessionMatch
    {
        Current,
        New,
        Older,
    }
}
