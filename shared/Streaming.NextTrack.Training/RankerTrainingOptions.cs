using Streaming.Ranking.Training;
using Streaming.TasteMath;
using Streaming.TasteStore;

namespace Streaming.NextTrack.Training;

/// <summary>
/// How the next-track ranker is trained. The defaults are the ones the leave-listeners-out cross-validation of the
/// warm-up part chose (see the recommender README for the table); the catalog CLI exposes them.
/// </summary>
public sealed record RankerTrainingOptions
{
    public LambdaMartOptions Trainer { get; init; } = new()
    {
        ModelVersion = "next-track",
        NumberOfTrees = 100,
        NumberOfLeaves = 16,
        LearningRate = 0.2,
        MinimumExampleCountPerLeaf = 20,
        Seed = 1,
    };

    /// <summary>Training groups at most (every k-th, spread over time): bounds memory and training time.</summary>
    public int MaxGroups { get; init; } = 20_000;

    /// <summary>Share of the training targets, the latest by event time, held out to choose how many trees to keep.</summary>
    public double ValidationShare { get; init; } = 0.15;

    public NextTrackSettings Settings { get; init; } = NextTrackSettings.Default;

    public TasteParameters Taste { get; init; } = TasteParameters.Default;

    public TasteStoreOptions Store { get; init; } = new();
}
