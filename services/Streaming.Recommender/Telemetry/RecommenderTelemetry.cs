using System.Diagnostics;

namespace Streaming.Recommender.Telemetry;

/// <summary>The service's ActivitySource and Meter name (picked up by the service defaults' <c>Streaming.*</c> rule).</summary>
public static class RecommenderTelemetry
{
    public const string Name = "Streaming.Recommender";

    public static readonly ActivitySource Source = new(Name);
}
