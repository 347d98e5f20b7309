namespace Streaming.Ranking.Training;

/// <summary>Writes a score for each row of <paramref name="group"/> (index <paramref name="groupIndex"/>) into <paramref name="scores"/>; higher ranks first.</summary>
public delegate void GroupScorer(int groupIndex, RankingGroup group, Span<float> scores);
