using System.Numerics.Tensors;

namespace Streaming.TasteMath;

/// <summary>The query vector the recommender searches with: a normalised blend of long-term taste and the moment.</summary>
public static class TasteBlend
{
    /// <summary>
    /// Unit-norm blend <c>normalise((1 - s)·dir(longTerm) + s·dir(session))</c>, using only vectors of
    /// <paramref name="spaceId"/>; a missing or zero side leaves the other alone. Null when neither is usable.
    /// </summary>
    /// <param name="sessionShare">Weight of the session direction in [0, 1].</param>
    public static float[]? Query(DecayedVector? longTerm, DecayedVector? session, string spaceId, float sessionShare = 0.5f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sessionShare, 0f);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sessionShare, 1f);
        var lt = Usable(longTerm, spaceId)?.Direction();
        var ss = Usable(session, spaceId)?.Direction();
        if (lt is null || ss is null || lt.Length != ss.Length)
        {
            return lt ?? ss;
        }
        var blend = new float[lt.Length];
        TensorPrimitives.Multiply(lt, 1f - sessionShare, blend);
        TensorPrimitives.MultiplyAdd(ss, sessionShare, blend, blend);
        var norm = TensorPrimitives.Norm(blend);
        if (!(norm > 0f))
        {
            return null;
        }
        TensorPrimitives.Divide(blend, norm, blend);
        return blend;
    }

    /// <summary>True while the session is live at <paramref name="nowMs"/> (its last event within the session gap).</summary>
    public static bool IsSessionActive(long? sessionLastMs, long nowMs, TasteParameters parameters) =>
        sessionLastMs is { } last && nowMs - last <= (long)parameters.SessionGap.TotalMilliseconds;

    private static DecayedVector? Usable(DecayedVector? v, string spaceId) =>
        v is not null && !v.IsEmpty && string.Equals(v.SpaceId, spaceId, StringComparison.Ordinal) ? v : null;
}
