namespace Streaming.Catalog.Core.Synthetic;

/// <summary>Seeded draws used by the generators; <see cref="Random(int)"/> is stable for a seed.</summary>
internal sealed class SeededRandom(int seed)
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private readonly Random _random = new(seed);

    public double NextDouble() => _random.NextDouble();

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    public int Next(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);

    public bool Chance(double probability) => _random.NextDouble() < probability;

    public double Gaussian()
    {
        // Box-Muller; 1 - u keeps the log argument positive.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double Exponential(double mean) => -mean * Math.Log(1.0 - _random.NextDouble());

    public string SpotifyLikeId()
    {
        Span<char> chars = stackalloc char[22];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Base62[_random.Next(Base62.Length)];
        }
        return new string(chars);
    }

    /// <summary>Index drawn in proportion to non-negative weights (given as a running sum).</summary>
    public int FromCumulative(ReadOnlySpan<double> cumulative)
    {
        var target = _random.NextDouble() * cumulative[^1];
        var index = cumulative.BinarySearch(target);
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, cumulative.Length - 1);
    }

    public void Shuffle<T>(T[] items) => _random.Shuffle(items);
}
