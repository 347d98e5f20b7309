using System.Diagnostics.Metrics;

namespace Streaming.Security;

/// <summary>Meter <c>Streaming.Http</c>: requests shed because the process was at capacity.</summary>
public sealed class LoadSheddingMetrics
{
    public const string MeterName = "Streaming.Http";

    public LoadSheddingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        Shed = meter.CreateCounter<long>("streaming.http.shed", "{request}", "Requests answered 503 because the process served its maximum at once (LoadShedding)");
        InFlight = meter.CreateUpDownCounter<long>("streaming.http.admitted_in_flight", "{request}", "Requests of shed-protected endpoints being served now");
    }

    public Counter<long> Shed { get; }

    public UpDownCounter<long> InFlight { get; }
}
