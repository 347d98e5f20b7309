using System.Text;

namespace Streaming.Replay.Live;

/// <summary>
/// The partition a user's events land on: librdkafka's default partitioner (<c>consistent_random</c>, what
/// the gateway's Confluent producer uses) takes CRC-32 of the key bytes (key = user id, UTF-8) modulo the
/// partition count. Lets the replay bound what is unconsumed per partition, which is what the dev broker limits.
/// </summary>
public static class KafkaPartitions
{
    /// <summary>Partitions of <c>listening-events</c> in the dev broker (docs/conventions.md).</summary>
    public const int DevBrokerPartitions = 32;

    private static readonly uint[] Table = BuildTable();

    public static int Of(string key, int partitions) => (int)(Crc32(Encoding.UTF8.GetBytes(key)) % (uint)partitions);

    /// <summary>CRC-32 (ISO-HDLC / zlib: reflected polynomial 0xEDB88320, init and final xor 0xFFFFFFFF).</summary>
    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
