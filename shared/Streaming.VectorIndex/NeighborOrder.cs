using System.Runtime.CompilerServices;

namespace Streaming.VectorIndex;

/// <summary>
/// The ranking every index uses: higher score first, equal scores ordered by <c>id ^ salt</c>.
/// Searches use salt 0 (ties by ascending id: deterministic answers). Graph construction salts with
/// the node being linked, so a crowd of identical vectors does not all pick, and keep, the same few
/// lowest ids (which would leave the rest unreachable); XOR with a salt is a cheap per-node permutation.
/// </summary>
internal readonly struct NeighborOrder(int salt) : IComparer<Neighbor>
{
    public static NeighborOrder ById => default;

    public int Salt { get; } = salt;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsBetter(float score, int id, Neighbor than) =>
        score > than.Score || (score == than.Score && (id ^ Salt) < (than.Id ^ Salt));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsBetter(Neighbor a, Neighbor b) => IsBetter(a.Score, a.Id, b);

    public int Compare(Neighbor a, Neighbor b) =>
        a.Score != b.Score ? b.Score.CompareTo(a.Score) : (a.Id ^ Salt).CompareTo(b.Id ^ Salt);

    /// <summary>Sorts best first.</summary>
    public void Sort(Span<Neighbor> items) => items.Sort(this);

    /// <summary>A salt for tie-breaking around <paramref name="node"/>: its id scrambled, kept non-negative.</summary>
    public static NeighborOrder For(int node) => new((int)(((uint)node * 2654435761u) >> 1));
}
