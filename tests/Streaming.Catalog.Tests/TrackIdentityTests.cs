using Streaming.Catalog.Core;

namespace Streaming.Catalog.Tests;

public class TrackIdentityTests
{
    [Theory]
    [InlineData("Beyoncé", "beyonce")]
    [InlineData("The Beatles", "beatles")]
    [InlineData("Simon & Garfunkel", "simon and garfunkel")]
    [InlineData("Simon and Garfunkel", "simon and garfunkel")]
    [InlineData("  Sigur Rós ", "sigur ros")]
    [InlineData("Mø", "mo")]
    [InlineData("Calvin Harris feat. Rihanna", "calvin harris")]
    [InlineData("AC/DC", "ac dc")]
    [InlineData("The", "the")]
    public void NormalizeArtist_Variants_FollowTheRules(string input, string expected) =>
        Assert.Equal(expected, TrackIdentity.NormalizeArtist(input));

    [Theory]
    [InlineData("Here Comes The Sun - Remastered 2009", "here comes the sun")]
    [InlineData("Here Comes The Sun (Remastered 2009)", "here comes the sun")]
    [InlineData("Hey Jude - 2015 Remaster", "hey jude")]
    [InlineData("Wonderwall - Live", "wonderwall")]
    [InlineData("Wonderwall - Live at Knebworth", "wonderwall")]
    [InlineData("Blinding Lights (Radio Edit)", "blinding lights")]
    [InlineData("Blinding Lights [Single Version]", "blinding lights")]
    [InlineData("Stay (with Justin Bieber)", "stay")]
    [InlineData("Lean On (feat. MØ & DJ Snake)", "lean on")]
    [InlineData("Lean On [ft. MØ]", "lean on")]
    [InlineData("Lean On feat. MØ", "lean on")]
    [InlineData("Rock & Roll", "rock and roll")]
    [InlineData("Rock and Roll", "rock and roll")]
    [InlineData("Café del Mar", "cafe del mar")]
    [InlineData("Don’t Stop Me Now", "dont stop me now")]
    [InlineData("Don't Stop Me Now", "dont stop me now")]
    [InlineData("Back In Your Head - Morgan Page Remix", "back in your head morgan page remix")]
    [InlineData("Escapism. - Sped Up", "escapism sped up")]
    [InlineData("Dance With Me", "dance with me")]
    [InlineData("!!!", "!!!")]
    public void NormalizeTitle_Variants_FollowTheRules(string input, string expected) =>
        Assert.Equal(expected, TrackIdentity.NormalizeTitle(input));

    [Fact]
    public void SameTrack_DecoratedVariants_Match()
    {
        Assert.True(TrackIdentity.SameTrack("The Beatles", "Here Comes The Sun - Remastered 2009", "Beatles", "Here Comes the Sun"));
        Assert.True(TrackIdentity.SameTrack("Beyoncé", "Halo", "BEYONCE", "Halo (Live)"));
        Assert.False(TrackIdentity.SameTrack("Tegan and Sara", "Back In Your Head - Morgan Page Remix", "Tegan and Sara", "Back In Your Head"));
    }

    [Theory]
    [InlineData("spotify:track:0NlyILZaWZ2euUP7JMKgtF")]
    [InlineData("https://open.spotify.com/track/0NlyILZaWZ2euUP7JMKgtF?si=abc123")]
    [InlineData("0NlyILZaWZ2euUP7JMKgtF")]
    public void FromSpotifyUri_AcceptedForms_ReturnTheId(string uri) =>
        Assert.Equal("0NlyILZaWZ2euUP7JMKgtF", TrackIdentity.FromSpotifyUri(uri));

    [Theory]
    [InlineData("spotify:album:0NlyILZaWZ2euUP7JMKgtF")]
    [InlineData("spotify:track:0NlyILZaWZ2euUP7JMKgt")]
    [InlineData("spotify:track:0NlyILZaWZ2euUP7JMKg-F")]
    [InlineData("")]
    public void FromSpotifyUri_Invalid_Throws(string uri) =>
        Assert.Throws<FormatException>(() => TrackIdentity.FromSpotifyUri(uri));

    [Fact]
    public void FromNames_SameNormalisedNames_SameStableValidId()
    {
        var a = TrackIdentity.FromNames("Beyoncé", "Halo - Live");
        var b = TrackIdentity.FromNames("beyonce", "HALO");
        Assert.Equal(a, b);
        Assert.StartsWith("n:", a);
        Assert.Equal(TrackIdentity.NameIdLength, a.Length);
        Assert.True(TrackIdentity.IsValidTrackId(a));
        Assert.True(Streaming.Contracts.Identifiers.IsValid(a));
        Assert.NotEqual(a, TrackIdentity.FromNames("Beyoncé", "Halo 2"));
        // Pinned: changing the rules or the hash changes every stored name id.
        Assert.Equal("n:", a[..2]);
        Assert.Equal(a, TrackIdentity.FromNameKey(TrackIdentity.NameKey("Beyonce", "Halo")));
    }

    [Theory]
    [InlineData("0NlyILZaWZ2euUP7JMKgtF", true)]
    [InlineData("n:abcdefghijklmnopqrstuvwxyz", true)]
    [InlineData("n:abcdefghijklmnopqrstuvwxy1", false)]
    [InlineData("n:ABCDEFGHIJKLMNOPQRSTUVWXYZ", false)]
    [InlineData("0NlyILZaWZ2euUP7JMKgt", false)]
    [InlineData("0NlyILZaWZ2euUP7JMKgtF0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValidTrackId_LengthAndCharset_Checked(string? id, bool valid) =>
        Assert.Equal(valid, TrackIdentity.IsValidTrackId(id));

    [Fact]
    public void CanonicalComparer_SpotifyThenPlaysThenOrdinal()
    {
        var candidates = new List<(string Id, int Plays)>
        {
            ("n:abcdefghijklmnopqrstuvwxyz", 100),
            ("BBBBBBBBBBBBBBBBBBBBBB", 5),
            ("AAAAAAAAAAAAAAAAAAAAAA", 5),
            ("CCCCCCCCCCCCCCCCCCCCCC", 9),
        };
        candidates.Sort(TrackIdentity.CanonicalComparer);
        Assert.Equal(["CCCCCCCCCCCCCCCCCCCCCC", "AAAAAAAAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBBBBBBBB", "n:abcdefghijklmnopqrstuvwxyz"], candidates.Select(c => c.Id));
    }
}
