using Streaming.Catalog.Core;

namespace Streaming.Catalog.Additions;

/// <summary>
/// What a batch of valid tracks changes in one catalog version, decided by the identity rules of the build
/// (<see cref="TrackIdentity"/>): an id that is already a catalog id or alias is already present; a new id whose
/// normalised artist and title belong to a catalog track becomes an alias of that row (existing rows never change);
/// new names become rows, and several new ids of one new name collapse onto one canonical row
/// (<see cref="TrackIdentity.CanonicalComparer"/>) with the others as its aliases. Re-planning the same batch on the
/// version it produced changes nothing: the call is idempotent.
/// </summary>
public sealed class TrackAdditionPlan
{
    private TrackAdditionPlan(List<CatalogTrack> rows, List<TrackAlias> aliases, TrackAdditionResult[] results)
    {
        Rows = rows;
        Aliases = aliases;
        Results = results;
    }

    /// <summary>Rows to append, in order of their first appearance in the request.</summary>
    public IReadOnlyList<CatalogTrack> Rows { get; }

    /// <summary>New aliases (of existing or appended rows).</summary>
    public IReadOnlyList<TrackAlias> Aliases { get; }

    /// <summary>One result per track of the request, in request order.</summary>
    public IReadOnlyList<TrackAdditionResult> Results { get; }

    public bool ChangesCatalog => Rows.Count > 0 || Aliases.Count > 0;

    public static TrackAdditionPlan Create(CatalogSnapshot catalog, IReadOnlyList<CatalogTrack> tracks)
    {
        var results = new TrackAdditionResult[tracks.Count];
        var aliases = new List<TrackAlias>();
        var groupOfName = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new List<List<int>>();
        for (var i = 0; i < tracks.Count; i++)
        {
            var track = tracks[i];
            var row = catalog.IndexOf(track.Id);
            if (row >= 0)
            {
                results[i] = new TrackAdditionResult(i, track.Id, TrackAdditionStatus.AlreadyPresent, catalog.Tracks[row].Id);
                continue;
            }
            var named = catalog.IndexOfName(track.Artist, track.Title);
            if (named >= 0)
            {
                aliases.Add(new TrackAlias(track.Id, named));
                results[i] = new TrackAdditionResult(i, track.Id, TrackAdditionStatus.Aliased, catalog.Tracks[named].Id);
                continue;
            }
            var key = TrackIdentity.NameKey(track.Artist, track.Title);
            if (!groupOfName.TryGetValue(key, out var group))
            {
                groupOfName[key] = group = groups.Count;
                groups.Add([]);
            }
            groups[group].Add(i);
        }

        var rows = new List<CatalogTrack>(groups.Count);
        foreach (var group in groups)
        {
            var canonical = group.OrderBy(i => (tracks[i].Id, 0), TrackIdentity.CanonicalComparer).First();
            var row = catalog.Count + rows.Count;
            rows.Add(tracks[canonical]);
            foreach (var i in group)
            {
                if (i == canonical)
                {
                    results[i] = new TrackAdditionResult(i, tracks[i].Id, TrackAdditionStatus.Added, tracks[i].Id);
                }
                else
                {
                    aliases.Add(new TrackAlias(tracks[i].Id, row));
                    results[i] = new TrackAdditionResult(i, tracks[i].Id, TrackAdditionStatus.Aliased, tracks[canonical].Id);
                }
            }
        }
        return new TrackAdditionPlan(rows, aliases, results);
    }
}
