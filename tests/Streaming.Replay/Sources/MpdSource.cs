using Streaming.Replay.Protocol;

namespace Streaming.Replay.Sources;

/// <summary>
/// MPD playlists played in order: each playlist is one user with one session. MPD has no times, so
/// playlist <c>i</c> (files and playlists in ordinal/file order) starts <see cref="PlaylistStagger"/> x i
/// after <see cref="Epoch"/> and plays every track in full for <see cref="TrackSpacing"/>; playlists overlap
/// in time so the global order interleaves them. Note: the catalog trains on MPD, so this source measures
/// the pipeline rather than generalisation unless the catalog held these playlists out.
/// </summary>
public static class MpdSource
{
    public static readonly DateTimeOffset Epoch = new(2017, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan PlaylistStagger = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan TrackSpacing = TimeSpan.FromSeconds(210);

    public static ReplayDataset Load(string path, ITrackIds trackIds, int? maxPlaylists = null)
    {
        var files = File.Exists(path)
            ? [path]
            : Directory.Exists(path)
                ? Directory.GetFiles(path, "mpd.slice.*.json").Order(StringComparer.Ordinal).ToArray()
                : throw new DirectoryNotFoundException($"MPD folder or slice not found: {path}");
        var users = new List<ReplayUser>();
        foreach (var file in files)
        {
            foreach (var playlist in MpdSliceReader.Read(file))
            {
                if (maxPlaylists is { } max && users.Count >= max)
                {
                    break;
                }
                if (playlist.Tracks.Count == 0)
                {
                    continue;
                }
                var userId = ReplayIds.UserId(playlist.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "mpd-");
                var start = Epoch + PlaylistStagger * users.Count;
                var session = SessionSplitter.SessionId(userId, 0);
                var plays = playlist.Tracks
                    .Select((t, i) => new ReplayPlay(trackIds.FromSpotifyUri(t.TrackUri), session, start + TrackSpacing * (i + 1), (int)TrackSpacing.TotalMilliseconds))
                    .ToArray();
                users.Add(new ReplayUser(userId, plays));
            }
        }
        return new ReplayDataset("mpd", $"MPD playlists from {path}", users,
        [
            $"track identity: {trackIds.Description}",
            "each playlist is one user and one session, tracks 210 s apart, none skipped",
            "the catalog trains on MPD: without held-out playlists this measures the pipeline, not generalisation",
        ]);
    }
}
