namespace Streaming.Catalog.Cli;

/// <summary>What a play is for in the ranker's training.</summary>
internal enum PlayRole
{
    /// <summary>Builds state (and, in the prefix, the throw-away vectors); never a target.</summary>
    Context,

    /// <summary>A target that trains the ranker.</summary>
    Training,

    /// <summary>A target that only chooses how many trees to keep.</summary>
    Validation,
}
