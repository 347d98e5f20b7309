using Streaming.Catalog.Core;

namespace Streaming.Gateway.Validation;

/// <summary>
/// The gateway's track id check, in one place: the catalog's <see cref="TrackIdentity.IsValidTrackId"/>
/// (a Spotify base62 id or <c>n:</c> + base32), which is stricter than the schema's 1-64 of [A-Za-z0-9:_-].
/// </summary>
public static class TrackIdRule
{
    public const string Description = TrackIdentity.IdRule;

    public static bool IsValid(string id) => id.Length <= EventLimits.MaxTrackIdLength && TrackIdentity.IsValidTrackId(id);
}
