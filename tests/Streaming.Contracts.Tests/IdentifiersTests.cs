namespace Streaming.Contracts.Tests;

public class IdentifiersTests
{
    [Theory]
    [InlineData("user-42", true)]
    [InlineData("spotify:user:abc", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("has space", false)]
    [InlineData("{u:1}", false)]
    public void IsValid_Samples_FollowRule(string? id, bool expected) => Assert.Equal(expected, Identifiers.IsValid(id));

    [Fact]
    public void IsValid_TooLong_False() => Assert.False(Identifiers.IsValid(new string('a', Identifiers.MaxLength + 1)));

    [Fact]
    public void IsValid_MaxLength_True() => Assert.True(Identifiers.IsValid(new string('a', Identifiers.MaxLength)));
}
