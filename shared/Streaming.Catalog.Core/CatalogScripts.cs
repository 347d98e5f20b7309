using System.Text;

namespace Streaming.Catalog.Core;

/// <summary>The catalog's Lua scripts, embedded from <c>Scripts/*.lua</c> (each file states its KEYS and ARGV).</summary>
public static class CatalogScripts
{
    /// <summary>Compare-and-set of the current catalog version.</summary>
    public static string SetCurrentIf { get; } = Read("set-current-if.lua");

    /// <summary>Releases the catalog write lock if the caller still holds it.</summary>
    public static string ReleaseLock { get; } = Read("release-lock.lua");

    private static string Read(string fileName)
    {
        var name = "Streaming.Catalog.Core.Scripts." + fileName;
        using var stream = typeof(CatalogScripts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded script {name} is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
