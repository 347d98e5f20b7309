using System.Text.RegularExpressions;

namespace Streaming.DevBroker;

public sealed partial class TopicSpec
{
    public const int MaxPartitions = 1024;

    public string Name { get; set; } = "";

    public int Partitions { get; set; } = 1;

    /// <summary>Kafka's legal topic names: 1-249 of [a-zA-Z0-9._-], not "." or "..".</summary>
    public static bool IsValidName(string? name) =>
        name is not null && name.Length <= 249 && name is not ("." or "..") && LegalName().IsMatch(name);

    [GeneratedRegex("^[a-zA-Z0-9._-]+$")]
    private static partial Regex LegalName();
}
