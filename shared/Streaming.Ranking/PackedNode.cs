using System.Runtime.InteropServices;

namespace Streaming.Ranking;

/// <summary>
/// One internal node as the evaluator reads it: 16 bytes, so a node is one load and four share a cache line.
/// Children are ensemble-global: <c>&gt;= 0</c> is a node index, <c>&lt; 0</c> is <c>~leafIndex</c>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct PackedNode(int feature, float threshold, int left, int right)
{
    public readonly int Feature = feature;
    public readonly float Threshold = threshold;
    public readonly int Left = left;
    public readonly int Right = right;
}
