namespace Streaming.Gateway.Api;

/// <summary>
/// Why the event at <paramref name="Index"/> of the batch was not accepted: <paramref name="Field"/> is the
/// JSON property (<c>context.type</c> for nested ones, <c>event</c> for the event as a whole),
/// <paramref name="Reason"/> one of <see cref="Validation.RejectionReasons"/>, <paramref name="Detail"/> for people.
/// </summary>
public sealed record EventRejection(int Index, string Field, string Reason, string Detail);
