namespace Streaming.VectorIndex;

/// <summary>One search hit: the row index of a vector and its similarity (dot product) to the query.</summary>
public readonly record struct Neighbor(int Id, float Score);
