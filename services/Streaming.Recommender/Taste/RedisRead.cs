namespace Streaming.Recommender.Taste;

/// <summary>The outcome of one guarded Redis read: a value, or why there is none (<c>timeout</c>, <c>circuit-open</c>, <c>error</c>).</summary>
public readonly record struct RedisRead<T>(T? Value, string? FailureReason)
{
    public bool Succeeded => FailureReason is null;

    public static RedisRead<T> Ok(T value) => new(value, null);

    public static RedisRead<T> Failed(string reason) => new(default, reason);
}
