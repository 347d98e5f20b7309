using System.Net;
using System.Net.Sockets;

namespace Streaming.TestInfrastructure.Processes;

public static class FreePort
{
    /// <summary>A loopback TCP port that was free a moment ago (callers retry if another process takes it first).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
