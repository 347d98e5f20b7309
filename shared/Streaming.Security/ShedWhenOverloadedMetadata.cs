namespace Streaming.Security;

/// <summary>Endpoint metadata: the load shedder counts this endpoint's requests (<c>ShedWhenOverloaded()</c>).</summary>
public sealed class ShedWhenOverloadedMetadata
{
    public static readonly ShedWhenOverloadedMetadata Instance = new();

    private ShedWhenOverloadedMetadata()
    {
    }
}
