namespace Streaming.NextTrack.Features;

/// <summary>
/// The ranking features, in the order <see cref="FeatureExtractor"/> writes them. A stored model names its features;
/// it is used only when they equal this list (a model of another feature set falls back to the blend).
/// </summary>
public static class FeatureNames
{
    public const int OwnPlays = 0;
    public const int OwnSkips = 1;
    public const int OwnKnown = 2;
    public const int OwnAgeDays = 3;
    public const int OwnRecencyRank = 4;
    public const int OwnNextOfLast = 5;
    public const int OwnNextOfSecond = 6;
    public const int OwnNextOfThird = 7;
    public const int OwnNextChain = 8;
    public const int OwnNextCount = 9;
    public const int CoListening = 10;
    public const int CoListeningShare = 11;
    public const int CoListeningRank = 12;
    public const int Successor = 13;
    public const int SuccessorShare = 14;
    public const int SuccessorRank = 15;
    public const int CosineSession = 16;
    public const int CosineLongTerm = 17;
    public const int CosineLast = 18;
    public const int VectorRank = 19;
    public const int Popularity = 20;
    public const int Trending = 21;
    public const int SameArtistAsLast = 22;
    public const int ArtistSessionShare = 23;
    public const int ArtistOwnPlays = 24;
    public const int SessionLength = 25;
    public const int HistorySize = 26;
    public const int GapMinutes = 27;
    public const int HasVector = 28;
    public const int CosineQuery = 29;

    public const int Count = 30;

    /// <summary>Written where a feature does not apply (not in that list, no vector): trees split it off.</summary>
    public const float Missing = -1f;

    /// <summary>A cosine that cannot be computed (no vector on either side); cosines themselves are in [-1, 1].</summary>
    public const float NoCosine = -2f;

    public static IReadOnlyList<string> All { get; } =
    [
        "own_plays", "own_skips", "own_known", "own_age_days", "own_recency_rank",
        "own_next_of_last", "own_next_of_second", "own_next_of_third", "own_next_chain", "own_next_count",
        "co_listening", "co_listening_share", "co_listening_rank",
        "successor", "successor_share", "successor_rank",
        "cosine_session", "cosine_long_term", "cosine_last", "vector_rank",
        "popularity", "trending",
        "same_artist_as_last", "artist_session_share", "artist_own_plays",
        "session_length", "history_size", "gap_minutes", "has_vector", "cosine_query",
    ];
}
