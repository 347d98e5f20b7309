namespace Streaming.Catalog.Core.Building;

/// <summary>
/// The evaluation split shared by the catalog build and the replay: per user, plays ordered by
/// time, the first <c>floor(count x fraction)</c> are warm-up (may train), the rest are scored
/// (must never influence training).
/// </summary>
public static class WarmupSplit
{
    public const double DefaultFraction = 0.7;

    public static int WarmupCount(int plays, double fraction = DefaultFraction)
    {
        if (fraction is < 0 or > 1 || double.IsNaN(fraction))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "Warm-up fraction must be within [0, 1].");
        }
        return (int)Math.Floor(plays * fraction);
    }
}
