using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Streaming.Catalog.Core;

/// <summary>
/// One identity for tracks across the catalog, the replay and the gateway.
/// <para><b>Ids.</b> A track's id is its Spotify track id (22 characters of base62) when known.
/// Otherwise it is <c>n:</c> followed by 26 lowercase base32 characters (RFC 4648 alphabet
/// <c>a-z2-7</c>) of the first 128 bits of SHA-256 over the UTF-8 of
/// <c>NormalizeArtist(artist) + U+001F + NormalizeTitle(title)</c>. The colon never occurs in a
/// base62 id and the lengths differ, so the two forms cannot collide; both satisfy the shared
/// identifier rule of <c>Streaming.Contracts.Identifiers</c>.</para>
/// <para><b>Normalisation</b> (artist and title): diacritics stripped as NFKD would (a built-in table,
/// <see cref="LatinFolding"/>, so results do not depend on ICU), combining marks dropped, <c>ø æ œ ß ł đ þ</c>
/// spelled out, fullwidth forms made ASCII; lowercase (invariant); typographic quotes and
/// dashes made ASCII; featuring clauses removed: bracketed <c>(feat. X)</c>, <c>[ft. X]</c>,
/// <c>(featuring X)</c>, <c>(with X)</c> and trailing unbracketed <c>feat. X</c>/<c>ft. X</c>/
/// <c>featuring X</c>; version-noise suffixes removed, bracketed or after <c>" - "</c>: remaster(ed)
/// with an optional year, live..., radio/single/album edit or version, mono/stereo, explicit/clean,
/// deluxe, bonus track, original mix (remixes, acoustic and sped-up versions are kept: they are other
/// recordings); <c>&amp;</c> and <c>+</c> read as <c>and</c>; apostrophes are dropped; every other non letter/digit becomes a
/// space; whitespace collapsed and trimmed. Artists additionally lose a leading <c>the</c>. A name
/// that normalises to nothing keeps its lowercased, trimmed form.</para>
/// <para><b>Duplicates</b> (one normalised artist+title, several ids): they collapse onto one
/// canonical id, see <see cref="CanonicalComparer"/>: Spotify ids before name ids, then the most
/// training plays, then the ordinal-smallest id. The other ids stay resolvable as aliases.</para>
/// </summary>
public static partial class TrackIdentity
{
    public const int SpotifyIdLength = 22;
    public const string NameIdPrefix = "n:";
    public const int NameIdLength = 28;
    public const string IdRule = "a 22-character base62 Spotify track id, or 'n:' + 26 characters of a-z2-7";

    private const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const char KeySeparator = '\u001f';

    public static string NormalizeTitle(string? title)
    {
        var text = Fold(title);
        if (text.Length == 0)
        {
            return text;
        }
        var stripped = BracketedFeaturing().Replace(text, " ");
        stripped = BracketedNoise().Replace(stripped, " ");
        stripped = StripDashSuffixes(stripped);
        stripped = TrailingFeaturing().Replace(stripped, " ");
        return Finish(stripped, text);
    }

    public static string NormalizeArtist(string? artist)
    {
        var text = Fold(artist);
        if (text.Length == 0)
        {
            return text;
        }
        var stripped = BracketedFeaturing().Replace(text, " ");
        stripped = TrailingFeaturing().Replace(stripped, " ");
        var finished = Finish(stripped, text);
        return finished.StartsWith("the ", StringComparison.Ordinal) && finished.Length > 4 ? finished[4..] : finished;
    }

    /// <summary>The dictionary key of a track by names: normalised artist, U+001F, normalised title.</summary>
    public static string NameKey(string? artist, string? title) =>
        string.Concat(NormalizeArtist(artist), KeySeparator.ToString(), NormalizeTitle(title));

    /// <summary>True when both names normalise to the same key.</summary>
    public static bool SameTrack(string? artistA, string? titleA, string? artistB, string? titleB) =>
        NameKey(artistA, titleA) == NameKey(artistB, titleB);

    /// <summary>The stable id of a track known only by names (<c>n:</c> + base32 of SHA-256).</summary>
    public static string FromNames(string? artist, string? title) => FromNameKey(NameKey(artist, title));

    /// <summary>The stable id for an already computed <see cref="NameKey"/>.</summary>
    public static string FromNameKey(string nameKey)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(nameKey), hash);
        return string.Create(NameIdLength, hash[..16].ToArray(), static (chars, bytes) =>
        {
            chars[0] = 'n';
            chars[1] = ':';
            var bitBuffer = 0;
            var bits = 0;
            var pos = 2;
            foreach (var b in bytes)
            {
                bitBuffer = (bitBuffer << 8) | b;
                bits += 8;
                while (bits >= 5)
                {
                    chars[pos++] = Base32Alphabet[(bitBuffer >> (bits - 5)) & 31];
                    bits -= 5;
                }
            }
            if (bits > 0)
            {
                chars[pos] = Base32Alphabet[(bitBuffer << (5 - bits)) & 31];
            }
        });
    }

    /// <summary>
    /// The 22-character id from <c>spotify:track:ID</c>, <c>https://open.spotify.com/track/ID?si=..</c>
    /// or a bare id. Throws <see cref="FormatException"/> for anything else.
    /// </summary>
    public static string FromSpotifyUri(string uri) =>
        TryFromSpotifyUri(uri, out var id) ? id : throw new FormatException($"Not a Spotify track uri or id: '{uri}'.");

    public static bool TryFromSpotifyUri(string? uri, out string id)
    {
        id = "";
        if (string.IsNullOrWhiteSpace(uri))
        {
            return false;
        }
        var span = uri.AsSpan().Trim();
        const string UriPrefix = "spotify:track:";
        const string UrlMarker = "open.spotify.com/track/";
        if (span.StartsWith(UriPrefix, StringComparison.Ordinal))
        {
            span = span[UriPrefix.Length..];
        }
        else
        {
            var at = span.IndexOf(UrlMarker, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                span = span[(at + UrlMarker.Length)..];
                var end = span.IndexOfAny('?', '#', '/');
                if (end >= 0)
                {
                    span = span[..end];
                }
            }
        }
        if (!IsSpotifyId(span))
        {
            return false;
        }
        id = span.ToString();
        return true;
    }

    public static bool IsSpotifyId(ReadOnlySpan<char> id)
    {
        if (id.Length != SpotifyIdLength)
        {
            return false;
        }
        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    public static bool IsNameId(ReadOnlySpan<char> id)
    {
        if (id.Length != NameIdLength || !id.StartsWith(NameIdPrefix, StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in id[2..])
        {
            if (!(c is >= 'a' and <= 'z' or >= '2' and <= '7'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Length and charset rule for track ids (used by the gateway's validation).</summary>
    public static bool IsValidTrackId(string? id) => id is not null && (IsSpotifyId(id) || IsNameId(id));

    /// <summary>
    /// Orders candidate ids of one normalised name, canonical first: Spotify ids before name ids,
    /// more plays first, then ordinal id order (so the choice is stable across builds).
    /// </summary>
    public static IComparer<(string Id, int Plays)> CanonicalComparer { get; } =
        Comparer<(string Id, int Plays)>.Create(static (a, b) =>
        {
            var spotifyA = IsSpotifyId(a.Id);
            var spotifyB = IsSpotifyId(b.Id);
            if (spotifyA != spotifyB)
            {
                return spotifyA ? -1 : 1;
            }
            var byPlays = b.Plays.CompareTo(a.Plays);
            return byPlays != 0 ? byPlays : string.CompareOrdinal(a.Id, b.Id);
        });

    private static string Fold(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }
        // Own folding table instead of string.Normalize: identical results with or without ICU
        // (the repository runs with InvariantGlobalization), so name ids never drift between hosts.
        var sb = new StringBuilder(value.Length);
        foreach (var raw in value)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(raw))
            {
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.SpacingCombiningMark:
                case UnicodeCategory.EnclosingMark:
                    continue; // already-decomposed input (NFD)
            }
            // Fullwidth ASCII (NFKD compatibility) to ASCII.
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            if (LatinFolding.TryFold(c, out var folded))
            {
                sb.Append(folded);
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            switch (lower)
            {
                case '\u2018' or '\u2019' or '\u02bc' or '`' or '\u00b4': sb.Append('\''); break;
                case '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212': sb.Append('-'); break;
                case '\u00a0' or '\u2007' or '\u202f' or '\u3000': sb.Append(' '); break;
                default: sb.Append(lower); break;
            }
        }
        return sb.ToString().Trim();
    }

    private static string StripDashSuffixes(string text)
    {
        while (true)
        {
            var at = text.LastIndexOf(" - ", StringComparison.Ordinal);
            if (at <= 0)
            {
                return text;
            }
            var suffix = text[(at + 3)..].Trim();
            if (!NoiseSegment().IsMatch(suffix) && !LeadingFeaturing().IsMatch(suffix))
            {
                return text;
            }
            text = text[..at];
        }
    }

    private static string Finish(string stripped, string fallback)
    {
        var sb = new StringBuilder(stripped.Length);
        var pendingSpace = false;
        foreach (var c in stripped)
        {
            if (c == '\'')
            {
                continue; // "don't" and "dont" are one word
            }
            if (c is '&' or '+')
            {
                AppendWord(sb, "and", ref pendingSpace);
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && sb.Length > 0)
                {
                    sb.Append(' ');
                }
                pendingSpace = false;
                sb.Append(c);
            }
            else
            {
                pendingSpace = true;
            }
        }
        var result = sb.ToString();
        return result.Length > 0 ? result : fallback;
    }

    private static void AppendWord(StringBuilder sb, string word, ref bool pendingSpace)
    {
        if (sb.Length > 0)
        {
            sb.Append(' ');
        }
        sb.Append(word);
        pendingSpace = true;
    }

    [GeneratedRegex(@"\s*[\(\[]\s*(?:feat\.?|ft\.?|featuring|with)\s[^\)\]]*[\)\]]", RegexOptions.CultureInvariant)]
    private static partial Regex BracketedFeaturing();

    [GeneratedRegex(@"\s+(?:feat\.|ft\.|featuring)\s.*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingFeaturing();

    [GeneratedRegex(@"^(?:feat\.?|ft\.?|featuring|with)\s", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingFeaturing();

    private const string NoisePattern =
        @"(?:\d{4}\s+)?(?:digital(?:ly)?\s+)?remaster(?:ed)?(?:\s+\d{4})?(?:\s+(?:version|edition))?" +
        @"|live(?:\s[^\)\]]*)?" +
        @"|(?:radio|single|album|clean|explicit)\s+(?:edit|version|mix)" +
        @"|(?:mono|stereo)(?:\s+(?:version|mix))?" +
        @"|explicit|clean|edited" +
        @"|deluxe(?:\s+(?:edition|version))?|bonus\s+track|original\s+mix";

    [GeneratedRegex(@"^(?:" + NoisePattern + @")$", RegexOptions.CultureInvariant)]
    private static partial Regex NoiseSegment();

    [GeneratedRegex(@"\s*[\(\[]\s*(?:" + NoisePattern + @")\s*[\)\]]", RegexOptions.CultureInvariant)]
    private static partial Regex BracketedNoise();
}
