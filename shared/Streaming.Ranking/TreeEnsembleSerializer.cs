using System.Buffers.Binary;

namespace Streaming.Ranking;

/// <summary>
/// Versioned binary form of a <see cref="TreeEnsembleModel"/>, self-delimiting so it can sit inside a larger
/// file (a catalog snapshot): <see cref="Read"/> consumes exactly the bytes <see cref="Write"/> produced and
/// leaves the stream just after them.
/// </summary>
/// <remarks>
/// Little-endian. A 16-byte header: magic <c>"STEM"</c>, format version (u16), flags (u16, 0), payload length
/// (i32), CRC-32 of the payload (u32). The payload: model version string, feature count and names (strings
/// are i32 byte length + UTF-8), bias (f32), tree count, each tree's internal node count, then the node
/// arrays over all trees (split feature i32, threshold f32, left i32, right i32; tree-local children) and
/// the leaf values (f64, node count + tree count of them). Reading never trusts a count before checking it
/// against the bytes left, and the decoded trees go through the same validation as the constructor.
/// </remarks>
public static class TreeEnsembleSerializer
{
    public const ushort FormatVersion = 1;

    /// <summary>Larger payloads are refused before anything is allocated (a 100-tree model is ~40 KB).</summary>
    public const int MaxPayloadBytes = 256 << 20;

    internal const int HeaderBytes = 16;
    private const uint Magic = 0x4D455453; // "STEM" read as little-endian

    public static void Write(Stream stream, TreeEnsembleModel model)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(model);
        var nodeCounts = new int[model.TreeCount];
        for (var t = 0; t < nodeCounts.Length; t++)
        {
            nodeCounts[t] = model.TreeNodeStarts[t + 1] - model.TreeNodeStarts[t];
        }

        WriteRaw(
            stream, model.Version, model.FeatureNames, model.Bias, nodeCounts, model.SplitFeatures, model.Thresholds,
            model.LeftChildren, model.RightChildren, model.LeafValues);
    }

    public static byte[] ToBytes(TreeEnsembleModel model)
    {
        using var buffer = new MemoryStream();
        Write(buffer, model);
        return buffer.ToArray();
    }

    public static TreeEnsembleModel Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> header = stackalloc byte[HeaderBytes];
        ReadExactly(stream, header, "header");
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (magic != Magic)
        {
            throw new FormatException(
                $"Not a tree ensemble model: the stream starts with 0x{magic:X8}, expected the magic \"STEM\" (0x{Magic:X8}).");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        if (version != FormatVersion)
        {
            throw new FormatException(
                $"Unsupported tree ensemble model format version {version}; this build reads version {FormatVersion}.");
        }

        var flags = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
        if (flags != 0)
        {
            throw new FormatException($"Unsupported tree ensemble model flags 0x{flags:X4}; this build knows none.");
        }

        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        if (payloadLength < 0 || payloadLength > MaxPayloadBytes)
        {
            throw new FormatException(
                $"Corrupt tree ensemble model: payload length {payloadLength} is outside 0..{MaxPayloadBytes}.");
        }

        var expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        var payload = new byte[payloadLength];
        ReadExactly(stream, payload, "payload");
        var actualCrc = Crc32.Compute(payload);
        if (actualCrc != expectedCrc)
        {
            throw new FormatException(
                $"Corrupt tree ensemble model: payload checksum 0x{actualCrc:X8} does not match the header's 0x{expectedCrc:X8}.");
        }

        return Decode(payload);
    }

    public static TreeEnsembleModel FromBytes(ReadOnlySpan<byte> bytes)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        var model = Read(stream);
        if (stream.Position != stream.Length)
        {
            throw new FormatException($"{stream.Length - stream.Position} bytes follow the tree ensemble model.");
        }

        return model;
    }

    /// <summary>Writes arrays as given, unvalidated: <see cref="Write"/> uses it, and tests use it to make corrupt models.</summary>
    internal static void WriteRaw(
        Stream stream,
        string version,
        IReadOnlyList<string> featureNames,
        float bias,
        ReadOnlySpan<int> treeNodeCounts,
        ReadOnlySpan<int> splitFeatures,
        ReadOnlySpan<float> thresholds,
        ReadOnlySpan<int> leftChildren,
        ReadOnlySpan<int> rightChildren,
        ReadOnlySpan<double> leafValues)
    {
        var payload = new PayloadWriter();
        payload.WriteString(version);
        payload.WriteInt32(featureNames.Count);
        for (var i = 0; i < featureNames.Count; i++)
        {
            payload.WriteString(featureNames[i]);
        }

        payload.WriteSingle(bias);
        payload.WriteInt32(treeNodeCounts.Length);
        payload.WriteInt32s(treeNodeCounts);
        payload.WriteInt32s(splitFeatures);
        payload.WriteSingles(thresholds);
        payload.WriteInt32s(leftChildren);
        payload.WriteInt32s(rightChildren);
        payload.WriteDoubles(leafValues);

        Span<byte> header = stackalloc byte[HeaderBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], FormatVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 0);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], Crc32.Compute(payload.Written));
        stream.Write(header);
        stream.Write(payload.Written);
    }

    private static TreeEnsembleModel Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var version = reader.ReadString("the model version");
        var featureCount = reader.ReadCount("the feature count", sizeof(int));
        var featureNames = new string[featureCount];
        for (var i = 0; i < featureCount; i++)
        {
            featureNames[i] = reader.ReadString($"feature name {i}");
        }

        var bias = reader.ReadSingle("the bias");
        var treeCount = reader.ReadCount("the tree count", sizeof(int));
        var nodeCounts = new int[treeCount];
        reader.ReadInt32s(nodeCounts, "the per-tree node counts");
        long totalNodes = 0;
        for (var t = 0; t < treeCount; t++)
        {
            if (nodeCounts[t] < 0)
            {
                throw new FormatException($"Corrupt tree ensemble model: tree {t} has a negative node count ({nodeCounts[t]}).");
            }

            totalNodes += nodeCounts[t];
        }

        // Four 4-byte node fields per node and one 8-byte value per leaf (nodes + trees of them).
        var needed = (totalNodes * 16) + ((totalNodes + treeCount) * 8);
        if (needed != reader.Remaining)
        {
            throw new FormatException(
                $"Corrupt tree ensemble model: {treeCount} trees with {totalNodes} nodes need {needed} more bytes, "
                + $"the payload has {reader.Remaining}.");
        }

        var nodes = (int)totalNodes;
        var splitFeatures = new int[nodes];
        var thresholds = new float[nodes];
        var left = new int[nodes];
        var right = new int[nodes];
        var leaves = new double[nodes + treeCount];
        reader.ReadInt32s(splitFeatures, "the split features");
        reader.ReadSingles(thresholds, "the thresholds");
        reader.ReadInt32s(left, "the left children");
        reader.ReadInt32s(right, "the right children");
        reader.ReadDoubles(leaves, "the leaf values");

        var error = TreeEnsembleValidator.FindError(featureNames, bias, nodeCounts, splitFeatures, thresholds, left, right, leaves);
        if (error is not null)
        {
            throw new FormatException($"Corrupt tree ensemble model: {error}.");
        }

        return new TreeEnsembleModel(version, featureNames, bias, nodeCounts, splitFeatures, thresholds, left, right, leaves);
    }

    private static void ReadExactly(Stream stream, Span<byte> destination, string what)
    {
        var read = 0;
        while (read < destination.Length)
        {
            var n = stream.Read(destination[read..]);
            if (n == 0)
            {
                throw new FormatException(
                    $"Truncated tree ensemble model: the {what} needs {destination.Length} bytes but the stream ended after {read}.");
            }

            read += n;
        }
    }
}
