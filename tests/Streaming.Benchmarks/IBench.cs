namespace Streaming.Benchmarks;

/// <summary>
/// One bench CLI verb. Benches print their figures next to a baseline measured in the same run
/// (these machines are shared and noisy, so ratios are what compare across runs).
/// </summary>
public interface IBench
{
    /// <summary>The verb: <c>dotnet run -c Release --project tests/Streaming.Benchmarks -- NAME [options]</c>.</summary>
    string Name { get; }

    /// <summary>One line for the usage listing: what it measures and against which baseline.</summary>
    string Description { get; }

    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
