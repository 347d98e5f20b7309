namespace Streaming.Security;

/// <summary>Authorization policy names registered by <see cref="StreamingAuthenticationExtensions.AddStreamingAuthentication"/>.</summary>
public static class StreamingPolicies
{
    /// <summary>Any valid user or service token.</summary>
    public const string Client = "streaming-client";

    /// <summary>Service tokens only.</summary>
    public const string Service = "streaming-service";
}
