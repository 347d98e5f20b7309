namespace Streaming.VectorIndex;

/// <summary>Parameters of an <see cref="HnswIndex"/> (names as in Malkov &amp; Yashunin).</summary>
public sealed record HnswOptions
{
    /// <summary>Links per node on the upper layers; layer 0 keeps up to 2·M. Higher: better recall, more memory.
    /// 24 beat 16 on 64-dim clustered data at the same build time (recall@10 0.995 vs 0.978 at ef 64).</summary>
    public int M { get; init; } = 24;

    /// <summary>Candidate list size while inserting. Higher: better graph, slower build.</summary>
    public int EfConstruction { get; init; } = 100;

    /// <summary>Default candidate list size while searching (raised to k when k is larger).</summary>
    public int EfSearch { get; init; } = 64;

    /// <summary>
    /// Walk the graph on 8-bit codes of the rows and re-score the final ef candidates on the floats (where AVX2
    /// runs and the width is a multiple of 32; else the floats throughout). A quarter of the memory traffic,
    /// the same recall within noise, exact scores in the answer; costs one byte per dimension per row.
    /// </summary>
    public bool QuantizedSearch { get; init; } = true;

    /// <summary>Seed of the level generator, so a sequential build is reproducible.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Build threads; -1 uses every core. 1 gives a deterministic graph.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(M, 2, nameof(M));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(M, 512, nameof(M));
        ArgumentOutOfRangeException.ThrowIfLessThan(EfConstruction, 1, nameof(EfConstruction));
        ArgumentOutOfRangeException.ThrowIfLessThan(EfSearch, 1, nameof(EfSearch));
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Use -1 or a positive number.");
        }
    }
}
