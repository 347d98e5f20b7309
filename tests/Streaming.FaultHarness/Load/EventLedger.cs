using System.Collections.Concurrent;
using Streaming.TasteStore;

namespace Streaming.FaultHarness.Load;

/// <summary>
/// What the harness sent and what the gateway acknowledged (202), event by event, and the count of what Redis holds:
/// an acknowledged event whose track the user's year-in-review does not count is lost, one counted twice was
/// applied twice (the client's retries repeat event ids, as players do, so de-duplication is under test as well).
/// </summary>
public sealed class EventLedger
{
    private readonly ConcurrentDictionary<string, Entry> _events = new(StringComparer.Ordinal);

    public void Sent(IEnumerable<PlannedEvent> events)
    {
        foreach (var e in events)
        {
            _events.TryAdd(e.EventId, new Entry(e));
        }
    }

    public void Acknowledged(IEnumerable<PlannedEvent> events)
    {
        foreach (var e in events)
        {
            _events[e.EventId].Acknowledged = true;
        }
    }

    public int SentCount => _events.Count;

    /// <summary>Reads every user's counted plays by track and compares them with the ledger.</summary>
    public async Task<LedgerCount> CountAsync(TasteStore.TasteStore store)
    {
        var byUser = _events.Values.GroupBy(e => e.Event.UserId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var counts = await Task.WhenAll(byUser.Keys.Select(async user => (user, Plays: await store.ReadPlayCountsAsync(user))));
        long acknowledged = 0, applied = 0, twice = 0;
        var lost = new List<PlannedEvent>();
        foreach (var (user, plays) in counts)
        {
            var byTrack = plays.GroupBy(p => p.TrackId, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Sum(x => x.Plays), StringComparer.Ordinal);
            foreach (var entry in byUser[user])
            {
                var times = byTrack.GetValueOrDefault(entry.Event.TrackId);
                acknowledged += entry.Acknowledged ? 1 : 0;
                applied += times > 0 ? 1 : 0;
                if (entry.Acknowledged && times == 0)
                {
                    lost.Add(entry.Event);
                }
                twice += Math.Max(0, times - 1);
            }
        }
        return new LedgerCount(_events.Count, acknowledged, applied, lost.Count, twice) { LostEvents = lost };
    }

    private sealed class Entry(PlannedEvent e)
    {
        public PlannedEvent Event { get; } = e;

        public bool Acknowledged { get; set; }
    }
}
