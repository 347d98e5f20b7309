using Streaming.TasteMath;

namespace Streaming.TasteStore.Tests;

public class UserBlobTests
{
    private static StoredUserState Sample()
    {
        var history = new ListeningHistory([new HistoryEntry(7, 2, 1, 1_700_000_000, 9)]);
        var taste = new UserTaste
        {
            LongTerm = new DecayedVector("space", [0.5f, -0.25f, 1f], 1_746_000_000_000, 3f),
            Session = new DecayedVector("space", [1f, 0f, 0f], 1_746_000_000_500, 1f),
            SessionId = "s1", SessionLastMs = 1_746_000_000_500, LastEventMs = 1_746_000_000_500,
            NowPlaying = "C", PreviousPlay = "B", PlayCount = 12, SessionPlays = 2, SessionTracks = ["A", "B"], History = history,
        };
        var seen = SeenEvents.Empty.After([("e1", 1_746_000_000_000), ("e2", 1_746_000_000_500)], 0, 128);
        return new StoredUserState("u1", 41, taste, [], seen)
        {
            Recent = ["C", "B", "A"],
            SessionSkips = ["X"],
            Offsets = new Dictionary<string, long> { ["o:t:3"] = 99 },
            LastEventId = "e2",
        };
    }

    [Fact]
    public void Write_Read_RoundTripsEveryField()
    {
        var stored = Sample();

        var read = UserBlob.Read("u1", UserBlob.Write(stored));

        Assert.Equal(41, read.Sequence);
        Assert.Equal(stored.Recent, read.Recent);
        Assert.Equal(stored.SessionSkips, read.SessionSkips);
        Assert.Equal(99, read.Offsets["o:t:3"]);
        Assert.Equal("e2", read.LastEventId);
        Assert.True(read.Seen.Contains("e1") && read.Seen.Contains("e2") && !read.Seen.Contains("e3"));
        Assert.Equal(["A", "B"], read.Taste.SessionTracks);
        Assert.Equal(("s1", "C", "B", 12L, 2), (read.Taste.SessionId, read.Taste.NowPlaying, read.Taste.PreviousPlay, read.Taste.PlayCount, read.Taste.SessionPlays));
        Assert.Equal(stored.Taste.LastEventMs, read.Taste.LastEventMs);
        Assert.Equal(stored.Taste.History.Entries, read.Taste.History.Entries);
        Assert.Equal(stored.Taste.LongTerm!.Sum, read.Taste.LongTerm!.Sum);
        Assert.Equal(3f, read.Taste.LongTerm.Mass);
        Assert.Equal(1_746_000_000_500, read.Taste.Session!.ReferenceTimeMs);
    }

    [Fact]
    public void Write_SequenceAtTheFencePosition()
    {
        var blob = UserBlob.Write(Sample());

        Assert.Equal(UserBlob.SequenceBytes(41), blob.AsSpan(UserBlob.SequenceOffset, 8).ToArray());
        Assert.Empty(UserBlob.SequenceBytes(0));
    }

    [Fact]
    public void ReadContext_CutsRecentAndKeepsHistoryBytes()
    {
        var stored = Sample();

        var context = UserBlob.ReadContext("u1", UserBlob.Write(stored), recentCount: 2);

        Assert.Equal(["C", "B"], context.RecentTrackIds);
        Assert.Equal(["X"], context.SessionSkippedTrackIds);
        Assert.Equal(HistoryBlob.Write(stored.Taste.History), context.HistoryBlob);
        Assert.Equal("e2", context.LastAppliedEventId);
    }

    [Fact]
    public void Read_TruncatedOrOtherFormat_Throws()
    {
        var blob = UserBlob.Write(Sample());

        Assert.Throws<FormatException>(() => UserBlob.Read("u1", blob[..20]));
        Assert.Throws<FormatException>(() => UserBlob.Read("u1", [1, .. blob[1..]]));
    }

    [Fact]
    public void Write_TypicalUser_UnderAKilobyte()
    {
        // Three plays, 64 dimensions: the size the bench's random users have.
        var vector = new DecayedVector("audio-v1", Enumerable.Range(0, 64).Select(i => (float)Math.Sin(i)).ToArray(), 1_746_000_000_000, 3f);
        var taste = new UserTaste
        {
            LongTerm = vector, Session = vector.Clone(), SessionId = "0f8fad5b-d9cb-469f-a165-70867728950e",
            SessionLastMs = 1_746_000_000_000, LastEventMs = 1_746_000_000_000, PlayCount = 3, SessionPlays = 3,
            SessionTracks = ["4uLU6hMCjMI75M1A2tKUQC", "1301WleyT98MSxVHPZCA6M", "7ouMYWpwJ422jRcDASZB7P"],
            History = new ListeningHistory([new HistoryEntry(1, 1, 0, 1, 2), new HistoryEntry(2, 1, 0, 1, 3), new HistoryEntry(3, 1, 0, 1, 0)]),
        };
        var seen = SeenEvents.Empty.After([("a", 1), ("b", 2), ("c", 3)], 0, 128);
        var stored = new StoredUserState("u1", 3, taste, [], seen)
        {
            Recent = taste.SessionTracks, Offsets = new Dictionary<string, long> { ["o:listening-events:17"] = 123_456 }, LastEventId = "0f8fad5b-d9cb-469f-a165-70867728950f",
        };

        Assert.InRange(UserBlob.Write(stored).Length, 400, 700);
    }
}
