using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Streaming.TasteStore;

/// <summary>
/// A Lua script sent as EVALSHA (40 bytes instead of the body); on NOSCRIPT (new node, restart,
/// SCRIPT FLUSH) it is sent once as EVAL, which caches it on that node again.
/// </summary>
internal sealed class RedisScript(string body)
{
    private readonly byte[] _sha1 = SHA1.HashData(Encoding.UTF8.GetBytes(body));

    public string Body { get; } = body;

    /// <summary>A script embedded from this assembly's <c>Scripts/</c> folder.</summary>
    public static RedisScript Embedded(string fileName)
    {
        var name = "Streaming.TasteStore.Scripts." + fileName;
        using var stream = typeof(RedisScript).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded script {name} is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return new RedisScript(reader.ReadToEnd());
    }

    public async Task<RedisResult> EvaluateAsync(IDatabaseAsync db, RedisKey[] keys, RedisValue[] args)
    {
        try
        {
            return await db.ScriptEvaluateAsync(_sha1, keys, args).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await db.ScriptEvaluateAsync(Body, keys, args).ConfigureAwait(false);
        }
    }
}
