using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Streaming.Messaging;

namespace Streaming.Foundation.IntegrationTests;

/// <summary>
/// Records the tests' spans. When <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (e.g. the AppHost dashboard's
/// OTLP endpoint) they are also exported there, so a test's produce -> consume trace can be inspected.
/// </summary>
public sealed class TestTracing : IDisposable
{
    public const string SourceName = "Streaming.Foundation.Tests";
    public static readonly ActivitySource Source = new(SourceName);
    private readonly TracerProvider _provider;

    public TestTracing()
    {
        var builder = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(r => r.AddService("foundation-tests"))
            .AddSource(SourceName, KafkaTelemetry.ActivitySourceName)
            .SetSampler(new AlwaysOnSampler());
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            builder.AddOtlpExporter();
        }
        _provider = builder.Build();
    }

    public void Dispose()
    {
        _provider.ForceFlush(5_000);
        _provider.Dispose();
    }
}
