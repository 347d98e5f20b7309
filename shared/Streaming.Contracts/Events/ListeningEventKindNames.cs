namespace Streaming.Contracts.Events;

/// <summary>The one mapping between kinds and their wire names; JSON Schema lists the same names.</summary>
public static class ListeningEventKindNames
{
    private static readonly (ListeningEventKind Kind, string Name)[] Map =
    [
        (ListeningEventKind.PlayStarted, "play_started"),
        (ListeningEventKind.PlayEnded, "play_ended"),
        (ListeningEventKind.Skip, "skip"),
        (ListeningEventKind.Like, "like"),
        (ListeningEventKind.Save, "save"),
        (ListeningEventKind.Dislike, "dislike"),
    ];

    public static IReadOnlyList<string> All { get; } = Map.Select(m => m.Name).ToArray();

    public static string ToWire(ListeningEventKind kind)
    {
        foreach (var (k, name) in Map)
        {
            if (k == kind)
            {
                return name;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(kind), kind, "Kind has no wire name.");
    }

    /// <summary>Unknown names map to <see cref="ListeningEventKind.Unknown"/> so newer producers do not break older consumers.</summary>
    public static ListeningEventKind FromWire(string? name)
    {
        foreach (var (k, n) in Map)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                return k;
            }
        }
        return ListeningEventKind.Unknown;
    }

    public static bool IsKnown(string? name) => FromWire(name) != ListeningEventKind.Unknown;
}
