using System.Globalization;
using System.Text;
using Streaming.Contracts;

namespace Streaming.Replay.Protocol;

/// <summary>
/// Ids the replay chooses. Event ids are deterministic (<c>{userId}:{index:D7}</c>) so a retried or
/// re-run post is de-duplicated downstream, and the play index can be read back from the id the
/// recommender reports as last applied.
/// </summary>
public static class ReplayIds
{
    public static string EventId(string userId, int playIndex) =>
        string.Concat(userId, ":", playIndex.ToString("D7", CultureInfo.InvariantCulture));

    /// <summary>The play index of one of this user's replay event ids, or null for any other id.</summary>
    public static int? PlayIndexOf(string userId, string? eventId)
    {
        if (eventId is null || eventId.Length != userId.Length + 8
            || !eventId.StartsWith(userId, StringComparison.Ordinal) || eventId[userId.Length] != ':')
        {
            return null;
        }
        return int.TryParse(eventId.AsSpan(userId.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;
    }

    /// <summary>A valid user id (see <see cref="Identifiers"/>) from a folder or playlist name: other characters become '-'.</summary>
    public static string UserId(string raw, string? prefix = null)
    {
        var sb = new StringBuilder((prefix?.Length ?? 0) + raw.Length);
        sb.Append(prefix);
        foreach (var c in raw)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        }
        // Room for ":" + 7 digits of the event id.
        var id = sb.Length == 0 ? "user" : sb.ToString();
        return id.Length > Identifiers.MaxLength - 8 ? id[..(Identifiers.MaxLength - 8)] : id;
    }
}
