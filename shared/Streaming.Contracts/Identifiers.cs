namespace Streaming.Contracts;

/// <summary>
/// The id rule for user, session and event ids: 1-128 characters of ASCII letters, digits and
/// <c>._:-</c>. Keeps Redis keys, Kafka keys and URLs safe without escaping.
/// </summary>
public static class Identifiers
{
    public const int MaxLength = 128;

    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
        {
            return false;
        }
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-'))
            {
                return false;
            }
        }
        return true;
    }

    public const string Rule = "1-128 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'";
}
