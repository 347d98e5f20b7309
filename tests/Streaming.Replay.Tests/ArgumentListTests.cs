using Streaming.Replay.Cli;

namespace Streaming.Replay.Tests;

public sealed class ArgumentListTests
{
    private static readonly HashSet<string> Flags = ["no-probes"];

    [Fact]
    public void Parse_ValuesEqualsFormAndFlags()
    {
        var args = new ArgumentList(["--users", "3", "--speedup=2.5", "--no-probes"], Flags);

        Assert.Equal(3, args.Int("users"));
        Assert.Equal(2.5, args.Double("speedup", 0));
        Assert.True(args.Flag("no-probes"));
        Assert.Null(args.String("report"));
        args.ThrowOnUnknown();
    }

    [Fact]
    public void ThrowOnUnknown_Typo_NamesTheOption()
    {
        var args = new ArgumentList(["--user", "3"], Flags);
        args.Int("users");

        var e = Assert.Throws<UsageException>(args.ThrowOnUnknown);
        Assert.Contains("--user", e.Message);
    }

    [Fact]
    public void Int_NotANumber_Throws() =>
        Assert.Throws<UsageException>(() => new ArgumentList(["--users", "many"], Flags).Int("users"));

    [Fact]
    public void Parse_MissingValue_Throws() =>
        Assert.Throws<UsageException>(() => new ArgumentList(["--users"], Flags));

    [Fact]
    public void Parse_SourceHistoryWithoutData_Throws() =>
        Assert.Throws<UsageException>(() => SourceOptions.Parse(new ArgumentList(["--source", "history"], Flags)));

    [Fact]
    public void Parse_HistoryShorthand_SetsSourceAndData()
    {
        var source = SourceOptions.Parse(new ArgumentList(["--history", "../shared/data/streaming-history"], Flags));

        Assert.Equal(("history", "../shared/data/streaming-history"), (source.Source, source.DataPath));
    }
}
