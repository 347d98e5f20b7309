namespace Streaming.Gateway.Api;

/// <summary>
/// A body read as a batch: <see cref="Events"/> has one entry per array element, null where the element
/// could not even be read as an event (then <see cref="Rejections"/> says why).
/// </summary>
public sealed record ParsedBatch(IReadOnlyList<ListeningEventDto?> Events, IReadOnlyList<EventRejection> Rejections);
