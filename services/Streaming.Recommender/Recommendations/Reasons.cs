using Streaming.Catalog.Core;

namespace Streaming.Recommender.Recommendations;

/// <summary>The short "why" shown next to each track.</summary>
public static class Reasons
{
    public const string FitsSession = "fits this session";
    public const string MatchesTaste = "matches your taste";
    public const string Trending = "trending now";
    public const string Popular = "popular in the catalog";
    public const string NewForYou = "new for you, close to your taste";

    public const string YouReturnTo = "one you keep coming back to";

    public static string PlayedAfter(CatalogTrack source) => $"often played after {source.Title} by {source.Artist}";

    public static string YouPlayedAfter(CatalogTrack source) => $"you played it after {source.Title} by {source.Artist}";

    public static string PlayedWith(CatalogTrack source) => $"played with {source.Title} by {source.Artist}";

    public static string SimilarTo(CatalogTrack source) => $"similar to {source.Title} by {source.Artist}";

    public static string NewLike(CatalogTrack source) => $"new for you, like {source.Title} by {source.Artist}";
}
