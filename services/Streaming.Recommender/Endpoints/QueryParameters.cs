using System.Globalization;
using Microsoft.Extensions.Primitives;
using Streaming.Catalog.Core;
using Streaming.Contracts;

namespace Streaming.Recommender.Endpoints;

/// <summary>
/// Parses and checks the query and route parameters; each problem is recorded as (parameter, reason) for
/// the 400 answer. Parameters are read as strings so a bad value gets a reason instead of a bare 400.
/// </summary>
internal sealed class QueryParameters(IQueryCollection query)
{
    public const int MaxCount = 100;
    public const int MaxExcluded = 100;
    public const int MinYear = 1970;
    public const int MaxYear = 9999;

    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public bool IsValid => Errors.Count == 0;

    public void UserId(string userId)
    {
        if (!Identifiers.IsValid(userId))
        {
            Errors["userId"] = [$"userId must be {Identifiers.Rule}."];
        }
    }

    public void TrackId(string trackId)
    {
        if (!TrackIdentity.IsValidTrackId(trackId))
        {
            Errors["trackId"] = [$"trackId must be {TrackIdentity.IdRule}."];
        }
    }

    /// <summary><c>count</c>: an integer 1..100, default <paramref name="fallback"/>.</summary>
    public int Count(int fallback)
    {
        if (!TrySingle("count", out var raw) || raw is null)
        {
            return fallback;
        }
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > MaxCount)
        {
            Errors["count"] = [$"count must be an integer from 1 to {MaxCount}; got '{Truncate(raw)}'."];
            return fallback;
        }
        return count;
    }

    /// <summary><c>sessionId</c>: optional, an id by the common id rule.</summary>
    public string? SessionId()
    {
        if (!TrySingle("sessionId", out var raw) || raw is null)
        {
            return null;
        }
        if (!Identifiers.IsValid(raw))
        {
            Errors["sessionId"] = [$"sessionId must be {Identifiers.Rule}."];
            return null;
        }
        return raw;
    }

    /// <summary><c>exclude</c>: optional comma-separated track ids, at most 100 (empty items are ignored).</summary>
    public IReadOnlyList<string> Exclude()
    {
        if (!TrySingle("exclude", out var raw) || string.IsNullOrEmpty(raw))
        {
            return [];
        }
        var ids = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length > MaxExcluded)
        {
            Errors["exclude"] = [$"exclude takes at most {MaxExcluded} track ids; got {ids.Length}."];
            return [];
        }
        foreach (var id in ids)
        {
            if (!TrackIdentity.IsValidTrackId(id))
            {
                Errors["exclude"] = [$"exclude must be comma-separated track ids ({TrackIdentity.IdRule}); '{Truncate(id)}' is not one."];
                return [];
            }
        }
        return ids;
    }

    /// <summary><c>at</c>: optional request time (RFC 3339 with an offset), the client's clock: whether the stored session is still live.</summary>
    public DateTimeOffset? At()
    {
        if (!TrySingle("at", out var raw) || raw is null)
        {
            return null;
        }
        if (!DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            || !(raw.EndsWith('Z') || raw.EndsWith("z", StringComparison.Ordinal) || raw.Length > 6 && raw[^6] is '+' or '-'))
        {
            Errors["at"] = [$"at must be an RFC 3339 time with an offset, e.g. 2025-03-01T08:00:00Z; got '{Truncate(raw)}'."];
            return null;
        }
        return at;
    }

    /// <summary><c>year</c>: optional calendar year (four digits).</summary>
    public int? Year()
    {
        if (!TrySingle("year", out var raw) || raw is null)
        {
            return null;
        }
        if (raw.Length != 4 || !int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < MinYear or > MaxYear)
        {
            Errors["year"] = [$"year must be a four-digit calendar year from {MinYear} to {MaxYear} (YYYY); got '{Truncate(raw)}'."];
            return null;
        }
        return year;
    }

    private bool TrySingle(string name, out string? value)
    {
        value = null;
        if (!query.TryGetValue(name, out StringValues values) || values.Count == 0)
        {
            return false;
        }
        if (values.Count > 1)
        {
            Errors[name] = [$"{name} may be given once."];
            return false;
        }
        // An empty value (?count=) means "not given".
        value = string.IsNullOrEmpty(values[0]) ? null : values[0];
        return true;
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
