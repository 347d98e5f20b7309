using System.Numerics.Tensors;

namespace Streaming.TasteMath;

/// <summary>
/// An exponentially decayed sum of weighted track vectors, kept at a reference time
/// <see cref="ReferenceTimeMs"/> (the newest event time folded in). The value is order independent:
/// <c>Sum = Σ wᵢ·vᵢ·2^-((T - tᵢ)/h)</c> with <c>T = max tᵢ</c>. A newer event first decays the sum to its
/// time and moves T; a late event is added pre-decayed without moving T, so it never rewinds decay.
/// <see cref="Mass"/> is the same decayed sum over |wᵢ| (how much evidence the vector holds).
/// A vector lives in one embedding space (<see cref="SpaceId"/>); vectors of two spaces never combine.
/// </summary>
public sealed class DecayedVector
{
    public DecayedVector(string spaceId, int dimensions)
        : this(spaceId, new float[dimensions], long.MinValue, 0f)
    {
    }

    public DecayedVector(string spaceId, float[] sum, long referenceTimeMs, float mass)
    {
        ArgumentException.ThrowIfNullOrEmpty(spaceId);
        ArgumentNullException.ThrowIfNull(sum);
        if (sum.Length == 0)
        {
            throw new ArgumentException("A vector needs at least one dimension.", nameof(sum));
        }
        SpaceId = spaceId;
        Sum = sum;
        ReferenceTimeMs = referenceTimeMs;
        Mass = mass;
    }

    public string SpaceId { get; }

    /// <summary>The decayed sum at <see cref="ReferenceTimeMs"/> (not normalised).</summary>
    public float[] Sum { get; }

    public int Dimensions => Sum.Length;

    /// <summary>Unix milliseconds of the newest event folded in; <see cref="long.MinValue"/> when empty.</summary>
    public long ReferenceTimeMs { get; private set; }

    public float Mass { get; private set; }

    public bool IsEmpty => ReferenceTimeMs == long.MinValue;

    public DateTimeOffset? ReferenceTime => IsEmpty ? null : DateTimeOffset.FromUnixTimeMilliseconds(ReferenceTimeMs);

    /// <summary>Factor by which a contribution shrinks over <paramref name="elapsedMs"/> (>= 0).</summary>
    public static float DecayFactor(long elapsedMs, TimeSpan halfLife) =>
        elapsedMs <= 0 ? 1f : (float)Math.Pow(2.0, -elapsedMs / halfLife.TotalMilliseconds);

    /// <summary>Folds <paramref name="weight"/>·<paramref name="vector"/> observed at <paramref name="timeMs"/>.</summary>
    public void Add(ReadOnlySpan<float> vector, float weight, long timeMs, TimeSpan halfLife)
    {
        if (vector.Length != Sum.Length)
        {
            throw new ArgumentException($"Vector has {vector.Length} dimensions, this one {Sum.Length}.", nameof(vector));
        }
        if (IsEmpty)
        {
            ReferenceTimeMs = timeMs;
        }
        else if (timeMs > ReferenceTimeMs)
        {
            var factor = DecayFactor(timeMs - ReferenceTimeMs, halfLife);
            TensorPrimitives.Multiply(Sum, factor, Sum);
            Mass *= factor;
            ReferenceTimeMs = timeMs;
        }
        else if (timeMs < ReferenceTimeMs)
        {
            // Late event: its contribution as of T, and T stays.
            weight *= DecayFactor(ReferenceTimeMs - timeMs, halfLife);
        }
        TensorPrimitives.MultiplyAdd(vector, weight, Sum, Sum);
        Mass += Math.Abs(weight);
    }

    /// <summary>The direction of the vector (unit norm), or null when it is zero.</summary>
    public float[]? Direction()
    {
        var norm = TensorPrimitives.Norm(Sum);
        if (!(norm > 0f) || float.IsNaN(norm) || float.IsInfinity(norm))
        {
            return null;
        }
        var result = new float[Sum.Length];
        TensorPrimitives.Divide(Sum, norm, result);
        return result;
    }

    /// <summary>The mass as of a later time (the direction does not change with decay).</summary>
    public float MassAt(long timeMs, TimeSpan halfLife) =>
        IsEmpty ? 0f : Mass * DecayFactor(timeMs - ReferenceTimeMs, halfLife);

    public DecayedVector Clone() => new(SpaceId, (float[])Sum.Clone(), ReferenceTimeMs, Mass);
}
