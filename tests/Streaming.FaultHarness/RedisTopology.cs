namespace Streaming.FaultHarness;

/// <summary>What the pipeline's Redis is: one redis-server, or a three-node Redis Cluster (as the prod overlay runs it).</summary>
public enum RedisTopology
{
    /// <summary>One redis-server with its append-only file.</summary>
    Server,

    /// <summary>Three cluster primaries, each with its own append-only file and <c>nodes.conf</c>.</summary>
    Cluster,
}
