namespace Streaming.Catalog.Additions;

/// <summary>How a <see cref="TrackAppender.AddAsync"/> ended: an answer, or why there is none (the endpoint maps it to a status).</summary>
public sealed record AppendOutcome(AppendOutcomeKind Kind, AddTracksResponse? Response = null, string? Detail = null)
{
    public static AppendOutcome Done(AddTracksResponse response) => new(AppendOutcomeKind.Done, response);
}
