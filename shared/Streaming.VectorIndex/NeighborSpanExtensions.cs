namespace Streaming.VectorIndex;

internal static class NeighborSpanExtensions
{
    public static bool ContainsId(this ReadOnlySpan<Neighbor> items, int id)
    {
        foreach (var item in items)
        {
            if (item.Id == id)
            {
                return true;
            }
        }

        return false;
    }

    public static bool ContainsId(this Span<Neighbor> items, int id) => ((ReadOnlySpan<Neighbor>)items).ContainsId(id);
}
