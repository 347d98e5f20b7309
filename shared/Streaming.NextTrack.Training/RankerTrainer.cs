using Streaming.NextTrack.Features;
using Streaming.Ranking.Training;
using Streaming.TasteMath;

namespace Streaming.NextTrack.Training;

/// <summary>
/// Trains the next-track ranker: replays the plays through the worker's fold (<see cref="ListeningSimulation"/>),
/// makes one ranking group per training target whose track the candidate pool holds, holds out the latest
/// <see cref="RankerTrainingOptions.ValidationShare"/> of them to choose the number of trees, and trains LambdaMART.
/// Deterministic: the same plays, catalog and options give the same model, byte for byte.
/// </summary>
public static class RankerTrainer
{
    /// <param name="catalog">
    /// The catalog whose vectors the features use. Its vectors must not have been trained on the targets' own future:
    /// train it on plays before the training targets, as the catalog build does.
    /// </param>
    /// <param name="plays">Global order; every play the simulation may see (never a scored play of a replay).</param>
    /// <param name="isTarget">Which protocol targets train (or validate).</param>
    /// <param name="isValidation">Which of those only validate (e.g. the latest days); null: the latest <see cref="RankerTrainingOptions.ValidationShare"/>.</param>
    public static RankerTrainingResult Train(
        RankingCatalog catalog, IEnumerable<SimulatedPlay> plays, Func<SimulatedPlay, bool> isTarget, RankerTrainingOptions options,
        Func<SimulatedPlay, bool>? isValidation = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        var training = new TrainingSet();
        var validationSet = new TrainingSet();
        new ListeningSimulation(catalog, options.Settings, new TasteFolder(options.Taste), options.Store).Run(plays, isTarget,
            target => (isValidation?.Invoke(target.Play) == true ? validationSet : training).Add(target));
        if (training.Groups.Count < 10)
        {
            throw new RankerTrainingException(
                $"Only {training.Groups.Count} training groups ({training.Targets} targets): too few listening plays before the cut-off to train a ranker.");
        }
        IReadOnlyList<RankingGroup> trainGroups = training.Groups;
        IReadOnlyList<RankingGroup> validation = validationSet.Groups;
        if (isValidation is null)
        {
            // Groups come in event-time order: the latest are the validation set.
            var validationCount = (int)Math.Round(training.Groups.Count * options.ValidationShare);
            trainGroups = training.Groups.Take(training.Groups.Count - validationCount).ToArray();
            validation = training.Groups.Skip(trainGroups.Count).ToArray();
        }
        var sampled = Sample(trainGroups, options.MaxGroups);
        var model = LambdaMartTrainer.Train(sampled, FeatureNames.All, options.Trainer, validation.Count > 0 ? validation : null);
        RankingEvaluation? check = validation.Count > 0 ? RankingMetrics.Evaluate(model, validation, 10) : null;
        return new RankerTrainingResult(model, training.Targets + validationSet.Targets, training.Groups.Count + validationSet.Groups.Count,
            sampled.Count, validation.Count, check);
    }

    /// <summary>Every k-th group so at most <paramref name="max"/> remain (deterministic, spread over time).</summary>
    public static IReadOnlyList<RankingGroup> Sample(IReadOnlyList<RankingGroup> groups, int max)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count <= max)
        {
            return groups;
        }
        var step = (double)groups.Count / max;
        return Enumerable.Range(0, max).Select(i => groups[(int)(i * step)]).ToArray();
    }
}
