namespace Streaming.Contracts.Events;

/// <summary>Wire names of <see cref="PlaybackContextType"/> (lower-case; unknown names read as Unknown).</summary>
public static class PlaybackContextNames
{
    public static IReadOnlyList<string> All { get; } =
        Enum.GetValues<PlaybackContextType>().Where(t => t != PlaybackContextType.Unknown).Select(ToWire).ToArray();

    public static string ToWire(PlaybackContextType type) => type.ToString().ToLowerInvariant();

    public static PlaybackContextType FromWire(string? name) =>
        Enum.TryParse<PlaybackContextType>(name, ignoreCase: true, out var t) && Enum.IsDefined(t) && !int.TryParse(name, out _)
            ? t
            : PlaybackContextType.Unknown;
}
