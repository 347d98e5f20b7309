using Streaming.Ranking;
using Streaming.Ranking.Training;

namespace Streaming.NextTrack.Training;

/// <summary>A trained ranker and what it was trained and checked on.</summary>
/// <param name="Targets">Training targets met (in the pool or not).</param>
/// <param name="InPool">Of those, how many had their track in the candidate pool (the others teach nothing).</param>
/// <param name="Validation">The kept model on the held-out latest targets (HR@10 and MRR@10 over in-pool groups).</param>
public sealed record RankerTrainingResult(
    TreeEnsembleModel Model,
    int Targets,
    int InPool,
    int TrainingGroups,
    int ValidationGroups,
    RankingEvaluation? Validation);
