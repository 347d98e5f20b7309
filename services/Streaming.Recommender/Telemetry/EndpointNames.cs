namespace Streaming.Recommender.Telemetry;

/// <summary>The <c>endpoint</c> tag of the metrics and the names of the latency summaries.</summary>
public static class EndpointNames
{
    public const string Next = "next";
    public const string Discover = "discover";
    public const string Top = "top";
    public const string Similar = "similar";
    public const string Noop = "noop";
}
