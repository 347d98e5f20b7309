namespace Streaming.Catalog.Core.Synthetic;

public sealed record SyntheticSessionOptions
{
    public int Seed { get; init; } = 7;

    public int Users { get; init; } = 100;

    public int SessionsPerUser { get; init; } = 20;

    public int MinSessionLength { get; init; } = 5;

    public int MaxSessionLength { get; init; } = 20;

    /// <summary>Probability that the next track stays in the session's genre.</summary>
    public double StayInGenre { get; init; } = 0.85;

    /// <summary>Most genres a user's taste mixes.</summary>
    public int MaxGenresPerUser { get; init; } = 3;

    /// <summary>How strongly track choice within a genre follows the user's taste (softmax temperature inverse).</summary>
    public double TasteAffinity { get; init; } = 3.0;

    /// <summary>Skip probability is sigmoid(SkipSteepness * (distance - SkipMidpoint)), distance = 1 - cos(track, taste).</summary>
    public double SkipSteepness { get; init; } = 5.0;

    public double SkipMidpoint { get; init; } = 0.8;

    public double PrivateProbability { get; init; } = 0.02;

    public DateTimeOffset Start { get; init; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Mean gap between two sessions of one user.</summary>
    public TimeSpan MeanSessionGap { get; init; } = TimeSpan.FromHours(20);
}
