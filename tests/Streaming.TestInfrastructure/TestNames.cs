using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Streaming.TestInfrastructure;

/// <summary>
/// Unique, readable resource names per test (topic, consumer group, Redis key prefix) so tests sharing
/// one broker and one redis-server never see each other's data. Pass nothing to use the calling method's name.
/// </summary>
public static class TestNames
{
    private const int MaxStemLength = 120;

    /// <summary>A fresh Kafka topic name, e.g. <c>t.Produce_NewTopic_Consumed.3f9a1c2e</c>.</summary>
    public static string Topic([CallerMemberName] string testName = "") => $"t.{Stem(testName)}.{Suffix()}";

    /// <summary>A fresh consumer group id.</summary>
    public static string GroupId([CallerMemberName] string testName = "") => $"g.{Stem(testName)}.{Suffix()}";

    /// <summary>A fresh Redis key prefix ending in ':', e.g. <c>test:HashSet_Fields_ReadBack:3f9a1c2e:</c>.</summary>
    public static string KeyPrefix([CallerMemberName] string testName = "") => $"test:{Stem(testName)}:{Suffix()}:";

    /// <summary>A fresh name for anything else.</summary>
    public static string Unique([CallerMemberName] string testName = "") => $"{Stem(testName)}-{Suffix()}";

    /// <summary>8 random hex characters.</summary>
    public static string Suffix() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>The test name reduced to characters legal in Kafka topic names ([a-zA-Z0-9._-]).</summary>
    public static string Stem(string testName)
    {
        var builder = new StringBuilder(Math.Min(testName.Length, MaxStemLength));
        foreach (var c in testName)
        {
            if (builder.Length == MaxStemLength)
            {
                break;
            }

            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '-');
        }

        return builder.Length == 0 ? "test" : builder.ToString();
    }
}
