namespace Streaming.Ranking.Training;

/// <summary>One row as ML.NET reads it (fields, by name, through <c>LoadFromEnumerable</c>).</summary>
internal sealed class RankingRow
{
    public float Label;

    /// <summary>ML.NET key: 1-based, 0 means missing; rows of a group must be contiguous.</summary>
    public uint GroupId;

    public float[] Features = [];
}
