namespace Streaming.Catalog.Core.Embeddings;

public sealed record EmbeddingOptions
{
    public int Dimensions { get; init; } = 64;

    /// <summary>Rows with fewer basket occurrences get no co-listening vector (fallbacks may place them).</summary>
    public int MinOccurrences { get; init; } = 1;

    /// <summary>Context-distribution smoothing exponent of PPMI.</summary>
    public double Smoothing { get; init; } = 0.75;

    /// <summary>PMI shift (log k is subtracted): 1 = plain PPMI.</summary>
    public double Shift { get; init; } = 1.0;

    /// <summary>Vectors are U S^p before normalisation; 0.5 is the symmetric split (Levy et al.).</summary>
    public double EigenWeight { get; init; } = 0.5;

    public int Oversampling { get; init; } = 16;

    public int PowerIterations { get; init; } = 3;

    public int Seed { get; init; } = 1;

    /// <summary>Ridge penalty of the audio-feature to vector map.</summary>
    public double RidgeLambda { get; init; } = 1.0;
}
