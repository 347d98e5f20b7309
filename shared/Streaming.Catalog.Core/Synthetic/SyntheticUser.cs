namespace Streaming.Catalog.Core.Synthetic;

/// <summary>A generated listener: a mixture over genres and the resulting unit-norm taste vector.</summary>
public sealed record SyntheticUser(string UserId, double[] GenreWeights, float[] Taste);
