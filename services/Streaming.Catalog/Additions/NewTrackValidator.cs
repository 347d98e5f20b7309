using Streaming.Catalog.Core;

namespace Streaming.Catalog.Additions;

/// <summary>
/// Checks every track of a parsed request (the first problem of each, as the gateway reports events) and turns the
/// valid ones into catalog rows (names trimmed, popularity 0). The request is all or nothing: one rejection and
/// nothing is added, so a client fixes the named tracks and sends the batch again.
/// </summary>
public static class NewTrackValidator
{
    public static List<TrackRejection> Validate(ParsedTracks parsed, out List<CatalogTrack> tracks)
    {
        var rejections = new List<TrackRejection>(parsed.Rejections);
        tracks = new List<CatalogTrack>(parsed.Tracks.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < parsed.Tracks.Count; i++)
        {
            if (parsed.Tracks[i] is not { } dto)
            {
                continue;
            }
            if (Check(i, dto) is { } rejection)
            {
                rejections.Add(rejection);
            }
            else if (!seen.Add(dto.Id!))
            {
                rejections.Add(new TrackRejection(i, dto.Id, "id", TrackRejectionReasons.DuplicateId, "The same id occurs earlier in this request."));
            }
            else
            {
                tracks.Add(new CatalogTrack(dto.Id!, dto.Artist!.Trim(), dto.Title!.Trim(), Optional(dto.Album), Optional(dto.Genre), Popularity: 0));
            }
        }
        rejections.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        return rejections;
    }

    private static TrackRejection? Check(int index, NewTrackDto dto)
    {
        if (dto.UnknownFields is { Count: > 0 } unknown)
        {
            var name = unknown.Keys.First();
            name = name.Length <= 64 ? name : name[..64] + "...";
            return new TrackRejection(index, dto.Id, name, TrackRejectionReasons.UnknownField, $"'{name}' is not a track field (id, artist, title, album, genre)");
        }
        if (string.IsNullOrWhiteSpace(dto.Id))
        {
            return Required(index, dto, "id");
        }
        if (!TrackIdentity.IsValidTrackId(dto.Id))
        {
            return new TrackRejection(index, dto.Id, "id", TrackRejectionReasons.InvalidTrackId, $"id must be {TrackIdentity.IdRule}");
        }
        if (Name(index, dto, "artist", dto.Artist, required: true) is { } artist)
        {
            return artist;
        }
        if (Name(index, dto, "title", dto.Title, required: true) is { } title)
        {
            return title;
        }
        if (Name(index, dto, "album", dto.Album, required: false) is { } album)
        {
            return album;
        }
        if (Name(index, dto, "genre", dto.Genre, required: false) is { } genre)
        {
            return genre;
        }
        // A name id is the hash of the names (TrackIdentity): another one would never match what the replay and the build compute.
        if (TrackIdentity.IsNameId(dto.Id) && TrackIdentity.FromNames(dto.Artist, dto.Title) is var expected && expected != dto.Id)
        {
            return new TrackRejection(index, dto.Id, "id", TrackRejectionReasons.NameIdMismatch,
                $"An 'n:' id is the name id of artist and title; for these names it is '{expected}'");
        }
        return null;
    }

    private static TrackRejection? Name(int index, NewTrackDto dto, string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Required(index, dto, field) : null;
        }
        return value.Length > TrackAdditionLimits.MaxNameLength
            ? new TrackRejection(index, dto.Id, field, TrackRejectionReasons.TooLong, $"{field} may be at most {TrackAdditionLimits.MaxNameLength} characters")
            : null;
    }

    private static TrackRejection Required(int index, NewTrackDto dto, string field) =>
        new(index, dto.Id, field, TrackRejectionReasons.Required, $"{field} is required");

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
