using Streaming.Replay.Protocol;

namespace Streaming.Replay.Sources;

/// <summary>
/// A folder of Spotify exports, one sub-folder per user (its name is the user), each holding
/// <c>StreamingHistory*.json</c> files. Users and files are taken in ordinal name order and a user's plays
/// are stably sorted by end time, exactly as <c>next_track_baselines.py</c> loads them. A play's session
/// starts after more than 30 minutes of silence; plays over 3 hours are clamped (the wire format's limit).
/// </summary>
public static class StreamingHistorySource
{
    public const string FilePattern = "StreamingHistory*.json";

    /// <summary>The longest msPlayed the gateway accepts when the duration is unknown.</summary>
    public const int MaxMsPlayed = 3 * 60 * 60 * 1000;

    public static ReplayDataset Load(string root, ITrackIds trackIds, int? maxUsers = null)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Streaming-history folder not found: {root}");
        }
        var users = new List<ReplayUser>();
        var clamped = 0;
        var distinctNames = new HashSet<string>(StringComparer.Ordinal);
        var distinctIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            if (maxUsers is { } max && users.Count >= max)
            {
                break;
            }
            var files = Directory.GetFiles(folder, FilePattern)
                .Where(f => f.EndsWith(".json", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToArray();
            var rows = files.SelectMany(StreamingHistoryReader.Read).OrderBy(r => r.EndTime).ToArray();
            if (rows.Length == 0)
            {
                continue;
            }
            var userId = ReplayIds.UserId(Path.GetFileName(folder));
            var sessions = SessionSplitter.Assign(userId, rows.Select(r => r.EndTime).ToArray());
            var plays = new ReplayPlay[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                var row = rows[i];
                if (row.MsPlayed > MaxMsPlayed)
                {
                    clamped++;
                }
                var trackId = trackIds.FromNames(row.Artist, row.Track);
                distinctNames.Add(string.Concat(row.Artist, "\u001f", row.Track));
                distinctIds.Add(trackId);
                plays[i] = new ReplayPlay(trackId, sessions[i], row.EndTime, (int)Math.Min(row.MsPlayed, MaxMsPlayed));
            }
            users.Add(new ReplayUser(userId, plays));
        }

        var notes = new List<string>
        {
            $"track identity: {trackIds.Description}",
            $"{distinctNames.Count:N0} distinct (artist, title) names -> {distinctIds.Count:N0} track ids" +
                (distinctNames.Count == distinctIds.Count ? " (1:1)" : $" ({distinctNames.Count - distinctIds.Count:N0} names merged by normalisation)"),
        };
        if (clamped > 0)
        {
            notes.Add($"{clamped} plays longer than 3 h clamped to 3 h (the gateway's limit without a duration)");
        }
        return new ReplayDataset("history", $"Spotify streaming history exports in {root}", users, notes);
    }
}
