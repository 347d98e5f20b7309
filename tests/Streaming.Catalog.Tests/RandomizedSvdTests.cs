using Streaming.Catalog.Core.Embeddings;

namespace Streaming.Catalog.Tests;

public class RandomizedSvdTests
{
    [Fact]
    public async Task Compute_RepeatedWhileThePoolIsBusy_SameBits()
    {
        // CI once saw one vector component differ in its last bit between two builds of the same input:
        // the Gram matrix summed thread partials in finishing order. Several concurrent runs shuffle
        // which thread finishes first; every run must give the first run's bits.
        var matrix = RandomMatrix(size: 3_000, perRow: 12, seed: 5);
        var reference = RandomizedSvd.Compute(matrix, rank: 24, seed: 3);

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => RandomizedSvd.Compute(matrix, rank: 24, seed: 3))));

        Assert.All(runs, run =>
        {
            Assert.Equal(reference.SingularValues, run.SingularValues);
            Assert.Equal(reference.U, run.U);
        });
    }

    [Fact]
    public void Compute_PlantedSpectrum_LeadingSingularValuesRecovered()
    {
        // Pairs (2k, 2k+1) of weight w form blocks [[0, w], [w, 0]] with singular values w, w: the
        // spectrum is known, so the leading values must come back exactly.
        const int size = 500;
        float[] planted = [100f, 50f, 25f];
        var entries = Enumerable.Range(0, size / 2).Select(k => (2 * k, 2 * k + 1, k < planted.Length ? planted[k] : (float)(k % 10) / 10f)).ToArray();
        var result = RandomizedSvd.Compute(SparseSymmetricMatrix.FromUpperTriangle(size, entries), rank: 6);

        Assert.Equal(6, result.Rank);
        for (var k = 0; k < 6; k++)
        {
            Assert.Equal(planted[k / 2], result.SingularValues[k], 1e-6);
        }
    }

    private static SparseSymmetricMatrix RandomMatrix(int size, int perRow, int seed)
    {
        var random = new Random(seed);
        var entries = new Dictionary<(int, int), float>();
        for (var i = 0; i < size; i++)
        {
            for (var k = 0; k < perRow; k++)
            {
                var j = random.Next(size);
                if (j == i)
                {
                    continue;
                }
                entries[(Math.Min(i, j), Math.Max(i, j))] = (float)random.NextDouble();
            }
        }
        return SparseSymmetricMatrix.FromUpperTriangle(size, entries.Select(e => (e.Key.Item1, e.Key.Item2, e.Value)).ToArray());
    }
}
