using System.Text.Json;
using Streaming.Contracts.Events;

namespace Streaming.Contracts.Tests;

public class SchemaTests
{
    private static JsonElement Schema()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Streaming.sln")))
        {
            dir = dir.Parent;
        }
        Assert.NotNull(dir);
        var path = Path.Combine(dir.FullName, "shared", "Streaming.Contracts", "Schemas", "listening-events-batch.v1.schema.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement;
    }

    [Fact]
    public void Schema_KindEnum_ListsEveryKind()
    {
        var kinds = Schema().GetProperty("$defs").GetProperty("listeningEvent").GetProperty("properties").GetProperty("kind")
            .GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(ListeningEventKindNames.All, kinds);
    }

    [Fact]
    public void Schema_ContextTypeEnum_ListsEveryContext()
    {
        var types = Schema().GetProperty("$defs").GetProperty("listeningEvent").GetProperty("properties").GetProperty("context")
            .GetProperty("properties").GetProperty("type").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(PlaybackContextNames.All, types);
    }

    [Fact]
    public void Schema_IdPattern_MatchesIdentifierRule()
    {
        var id = Schema().GetProperty("$defs").GetProperty("id");
        Assert.Equal(Identifiers.MaxLength, id.GetProperty("maxLength").GetInt32());
        var pattern = new System.Text.RegularExpressions.Regex(id.GetProperty("pattern").GetString()!);
        foreach (var sample in new[] { "u-1", "a.b_c:d", "ü", "a b", "x/y" })
        {
            Assert.Equal(Identifiers.IsValid(sample), pattern.IsMatch(sample));
        }
    }
}
