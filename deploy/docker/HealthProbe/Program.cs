using System.Net.Sockets;
using System.Text;

// Minimal HTTP/1.1 GET over a socket: no HttpClient start-up cost, no proxy lookup, no extra assemblies.
// Usage: HealthProbe [http://127.0.0.1:8080/health/live]
var target = new Uri(args.Length > 0 ? args[0] : "http://127.0.0.1:8080/health/live");
if (target.Scheme != Uri.UriSchemeHttp)
{
    Console.Error.WriteLine($"unsupported scheme: {target.Scheme}");
    return 2;
}

using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
try
{
    using var client = new TcpClient();
    await client.ConnectAsync(target.Host, target.Port, timeout.Token);
    await using var stream = client.GetStream();
    var request = $"GET {target.PathAndQuery} HTTP/1.1\r\nHost: {target.Authority}\r\nConnection: close\r\n\r\n";
    await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);

    var buffer = new byte[64];
    var read = await stream.ReadAtLeastAsync(buffer, 12, throwOnEndOfStream: false, timeout.Token);
    var statusLine = Encoding.ASCII.GetString(buffer, 0, read);
    // "HTTP/1.1 200 OK": the status code starts at index 9.
    var healthy = statusLine.StartsWith("HTTP/1.", StringComparison.Ordinal) && statusLine.Length >= 12 && statusLine[9] == '2';
    if (!healthy)
    {
        Console.Error.WriteLine($"unhealthy: {statusLine.Split('\r')[0]}");
    }
    return healthy ? 0 : 1;
}
catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
{
    Console.Error.WriteLine($"unreachable: {ex.Message}");
    return 1;
}
