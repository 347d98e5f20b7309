using Microsoft.AspNetCore.Http;
using Streaming.Gateway.Endpoints;

namespace Streaming.Gateway.Tests.Unit;

/// <summary>
/// The size limit while reading, also for bodies without Content-Length (chunked): tested here rather than over
/// a socket, where the server's early 413 races the client's upload (the client may see a reset instead).
/// </summary>
public sealed class RequestBodyTests
{
    private static HttpRequest Request(int bytes, bool withLength)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(new byte[bytes]);
        context.Request.ContentLength = withLength ? bytes : null;
        return context.Request;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadAsync_AtLimit_WholeBody(bool withLength)
    {
        using var body = await RequestBody.ReadAsync(Request(100_000, withLength), 100_000, CancellationToken.None);
        Assert.NotNull(body);
        Assert.Equal(100_000, body.Memory.Length);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadAsync_OverLimit_Null(bool withLength) =>
        Assert.Null(await RequestBody.ReadAsync(Request(100_001, withLength), 100_000, CancellationToken.None));

    [Fact]
    public async Task ReadAsync_Empty_EmptyBody()
    {
        using var body = await RequestBody.ReadAsync(Request(0, withLength: false), 1024, CancellationToken.None);
        Assert.Equal(0, body!.Memory.Length);
    }
}
