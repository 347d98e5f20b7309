namespace Streaming.Replay.Sources;

/// <summary>A source file that cannot be read: the message names the file and the position in it.</summary>
public sealed class SourceFormatException : Exception
{
    public SourceFormatException(string file, string position, string problem, Exception? inner = null)
        : base($"{file}: {position}: {problem}", inner)
    {
        File = file;
        Position = position;
        Problem = problem;
    }

    public string File { get; }

    /// <summary>Line/byte or array position, e.g. <c>line 3, byte 17</c> or <c>item 12</c>.</summary>
    public string Position { get; }

    public string Problem { get; }
}
