using Streaming.Catalog.Core;
using Streaming.Contracts.Events;
using Streaming.TasteMath;
using Streaming.TasteStore;

namespace Streaming.Recommender.Tests.Support;

/// <summary>
/// Puts user state into Redis the way the taste worker does: fold events with <see cref="TasteFolder"/>
/// and write them through the <see cref="TasteStore"/> write API (no key is spelled here).
/// </summary>
internal sealed class TasteWriter(TasteStore.TasteStore store, Func<CatalogSnapshot> snapshot)
{
    private readonly TasteFolder _folder = new(TasteParameters.Default);

    public async Task ApplyAsync(IReadOnlyList<ListeningEvent> events)
    {
        foreach (var user in events.GroupBy(e => e.UserId))
        {
            await ApplyUserAsync(user.Key, user.ToArray());
        }
    }

    private async Task ApplyUserAsync(string userId, IReadOnlyList<ListeningEvent> events)
    {
        var catalog = snapshot();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var state = (await store.ReadUserStatesAsync([new UserStateRequest(userId, events.Select(e => e.EventId).ToArray())]))[0];
            var taste = state.Taste;
            var write = new UserWrite(state);
            var aggregates = store.CreateAggregateBatch();
            foreach (var e in events)
            {
                var row = catalog.IndexOf(e.TrackId);
                var vector = row >= 0 && catalog.HasVector(row) ? catalog.VectorOf(row) : ReadOnlySpan<float>.Empty;
                var effects = _folder.Apply(taste, e, vector, catalog.SpaceId);
                write.Record(e, effects, aggregates);
            }
            write.State = taste;
            if ((await store.WriteBatchAsync(aggregates, [write]))[0])
            {
                return;
            }
        }
        throw new InvalidOperationException($"Writing {userId} kept conflicting.");
    }
}
