using Streaming.Gateway.Validation;

namespace Streaming.Gateway.Tests.Unit;

public sealed class Rfc3339Tests
{
    [Theory]
    [InlineData("2025-01-31T18:04:05Z", "2025-01-31T18:04:05+00:00")]
    [InlineData("2025-01-31t18:04:05z", "2025-01-31T18:04:05+00:00")]
    [InlineData("2025-01-31T18:04:05.123Z", "2025-01-31T18:04:05.123+00:00")]
    [InlineData("2025-01-31T20:04:05+02:00", "2025-01-31T18:04:05+00:00")]
    [InlineData("2025-01-31T17:04:05.5-01:00", "2025-01-31T18:04:05.5+00:00")]
    [InlineData("2025-01-31T18:04:05.123456789Z", "2025-01-31T18:04:05.1234568+00:00")]
    public void TryParse_Rfc3339WithOffset_SameInstant(string text, string expected)
    {
        Assert.True(Rfc3339.TryParse(text, out var value));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2025-01-31T18:04:05")]
    [InlineData("2025-01-31T18:04:05.123")]
    [InlineData("2025-01-31 18:04:05Z")]
    [InlineData("31/01/2025 18:04:05Z")]
    [InlineData("2025-02-30T18:04:05Z")]
    [InlineData("2025-01-31T25:04:05Z")]
    [InlineData("2025-01-31T18:04:05+0200")]
    public void TryParse_NotRfc3339_False(string? text) => Assert.False(Rfc3339.TryParse(text, out _));
}
