using System.Globalization;

namespace Streaming.Gateway.Validation;

/// <summary>
/// RFC 3339 date-times as the schema's <c>format: date-time</c> means them: a full date, 'T', a time and an
/// explicit offset ('Z' or ±hh:mm). Offset-less ISO 8601 strings are refused: they have no single instant.
/// </summary>
public static class Rfc3339
{
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || text.Length is < 20 or > 40)
        {
            return false;
        }
        if (text[4] != '-' || text[7] != '-' || (text[10] is not ('T' or 't')) || text[13] != ':' || text[16] != ':')
        {
            return false;
        }
        var zulu = text[^1] is 'Z' or 'z';
        var numericOffset = text.Length >= 25 && text[^3] == ':' && text[^6] is '+' or '-';
        if (!zulu && !numericOffset)
        {
            return false;
        }
        var normalized = text[10] == 't' || text[^1] == 'z' ? text.ToUpperInvariant() : text;
        return DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }
}
