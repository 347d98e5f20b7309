namespace Streaming.Gateway.Validation;

/// <summary>
/// The event times a caller may post, fixed once per request: user tokens from <c>now - UserMaxEventAge</c>,
/// service tokens (imports, the replay) from any past time; nobody beyond <c>now + MaxClockSkew</c>.
/// </summary>
public readonly record struct EventTimeWindow(DateTimeOffset Earliest, DateTimeOffset Latest)
{
    public static EventTimeWindow For(bool service, DateTimeOffset now, GatewayOptions options) => new(
        service ? EventLimits.EarliestEventTime : now - options.UserMaxEventAge,
        now + options.MaxClockSkew);
}
