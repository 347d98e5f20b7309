using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Streaming.VectorIndex;

/// <summary>
/// Binary layout of a saved HNSW graph (little-endian): magic "HNSW", format version, the options,
/// vector count and dimensions, a fingerprint of the vectors, entry point and top level, then the
/// per-node levels, the layer-0 blocks and the upper-layer blocks. Vectors are not stored: the replica
/// already has the matrix, and the fingerprint catches loading a graph onto different vectors.
/// </summary>
internal static class HnswSerializer
{
    private const uint Magic = 0x57534E48; // "HNSW" read as little-endian
    private const int FormatVersion = 1;
    private const int HeaderInts = 10;

    public static void Write(Stream stream, HnswIndex index)
    {
        ArgumentNullException.ThrowIfNull(stream);
        EnsureLittleEndian();
        var graph = index.Graph;
        var options = index.Options;
        Span<byte> header = stackalloc byte[(HeaderInts * sizeof(int)) + sizeof(ulong)];
        int[] fields =
        [
            (int)Magic, FormatVersion, index.Dimensions, index.Count, options.M, options.EfConstruction,
            options.EfSearch, options.Seed, graph.EntryPoint, graph.MaxLevel,
        ];
        for (var i = 0; i < fields.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(header[(i * sizeof(int))..], fields[i]);
        }

        BinaryPrimitives.WriteUInt64LittleEndian(header[(HeaderInts * sizeof(int))..], Fingerprint(index.Vectors));
        stream.Write(header);
        stream.Write(graph.Levels);
        stream.Write(MemoryMarshal.AsBytes(graph.Links0.AsSpan()));
        stream.Write(MemoryMarshal.AsBytes(graph.UpperLinks.AsSpan()));
    }

    public static HnswIndex Read(Stream stream, VectorMatrix vectors)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(vectors);
        EnsureLittleEndian();
        Span<byte> header = stackalloc byte[(HeaderInts * sizeof(int)) + sizeof(ulong)];
        ReadExactly(stream, header);
        var fields = new int[HeaderInts];
        for (var i = 0; i < HeaderInts; i++)
        {
            fields[i] = BinaryPrimitives.ReadInt32LittleEndian(header[(i * sizeof(int))..]);
        }

        if ((uint)fields[0] != Magic)
        {
            throw new InvalidDataException("Not an HNSW graph stream.");
        }

        if (fields[1] != FormatVersion)
        {
            throw new InvalidDataException($"HNSW graph format {fields[1]} is not supported (expected {FormatVersion}).");
        }

        var (dims, count) = (fields[2], fields[3]);
        if (dims != vectors.Dimensions || count != vectors.Count)
        {
            throw new InvalidDataException(
                $"Graph was built on {count} x {dims} vectors but the matrix is {vectors.Count} x {vectors.Dimensions}.");
        }

        if (BinaryPrimitives.ReadUInt64LittleEndian(header[(HeaderInts * sizeof(int))..]) != Fingerprint(vectors))
        {
            throw new InvalidDataException("Graph was built on different vectors (fingerprint mismatch).");
        }

        HnswOptions options;
        try
        {
            options = new HnswOptions { M = fields[4], EfConstruction = fields[5], EfSearch = fields[6], Seed = fields[7] };
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidDataException("Graph header holds invalid parameters.", e);
        }

        var levels = new byte[count];
        ReadExactly(stream, levels);
        if (levels.AsSpan().IndexOfAnyInRange((byte)(HnswGraph.MaxLevelCap + 1), byte.MaxValue) >= 0)
        {
            throw new InvalidDataException("Graph holds an invalid node level.");
        }

        var graph = new HnswGraph(count, options.M, levels) { EntryPoint = fields[8], MaxLevel = fields[9] };
        ReadExactly(stream, MemoryMarshal.AsBytes(graph.Links0.AsSpan()));
        ReadExactly(stream, MemoryMarshal.AsBytes(graph.UpperLinks.AsSpan()));
        Validate(graph);
        return new HnswIndex(vectors, graph, options);
    }

    /// <summary>Rejects corrupt graphs up front rather than failing inside a search.</summary>
    private static void Validate(HnswGraph graph)
    {
        var count = graph.Count;
        if (count == 0)
        {
            if (graph.EntryPoint != -1)
            {
                throw new InvalidDataException("Empty graph with an entry point.");
            }

            return;
        }

        if ((uint)graph.EntryPoint >= (uint)count || graph.Levels[graph.EntryPoint] != graph.MaxLevel)
        {
            throw new InvalidDataException("Graph entry point is invalid.");
        }

        for (var node = 0; node < count; node++)
        {
            for (var level = 0; level <= graph.Levels[node]; level++)
            {
                var block = graph.Block(node, level);
                var links = block[0];
                if ((uint)links > (uint)graph.Capacity(level))
                {
                    throw new InvalidDataException($"Node {node} has {links} links on layer {level}.");
                }

                foreach (var target in block.Slice(1, links))
                {
                    if ((uint)target >= (uint)count || graph.Levels[target] < level)
                    {
                        throw new InvalidDataException($"Node {node} links to invalid node {target} on layer {level}.");
                    }
                }
            }
        }
    }

    /// <summary>FNV-1a over the shape and up to 4096 evenly spaced rows: cheap, and enough to catch a mismatched matrix.</summary>
    private static ulong Fingerprint(VectorMatrix vectors)
    {
        var hash = 14695981039346656037UL;
        void Mix(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                hash = (hash ^ b) * 1099511628211UL;
            }
        }

        Span<int> shape = [vectors.Count, vectors.Dimensions];
        Mix(MemoryMarshal.AsBytes(shape));
        var step = Math.Max(1, vectors.Count / 4096);
        for (var row = 0; row < vectors.Count; row += step)
        {
            Mix(MemoryMarshal.AsBytes(vectors.Row(row)));
        }

        return hash;
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("HNSW graph stream ended early.", e);
        }
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("HNSW graph files are little-endian only.");
        }
    }
}
