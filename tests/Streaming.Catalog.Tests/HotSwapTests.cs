using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Catalog.Core;
using Streaming.Catalog.Core.Hosting;

namespace Streaming.Catalog.Tests;

public class HotSwapTests
{
    [Fact]
    public async Task Swap_UnderConcurrentReaders_EveryReadSeesOneWholeVersion()
    {
        var dir = TestSnapshots.TempDirectory();
        var store = new CatalogSnapshotStore(dir);
        var versions = Enumerable.Range(1, 4).Select(i => $"v{i}").ToArray();
        for (var i = 0; i < versions.Length; i++)
        {
            store.Save(Filled(versions[i], i + 1));
        }
        var holder = new CatalogSnapshotHolder();
        var swaps = 0;
        holder.Swapped += _ => Interlocked.Increment(ref swaps);
        var activator = new CatalogSnapshotActivator(store, holder, NullLogger<CatalogSnapshotActivator>.Instance);
        await activator.ActivateAsync("v1", "test");

        using var stop = new CancellationTokenSource();
        var reads = 0L;
        // Dedicated threads: four spinning readers on the pool would starve the activation's own Task.Run on 2 cores.
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
        {
            var local = 0L;
            while (!stop.IsCancellationRequested)
            {
                // A reader takes the snapshot once and uses only that instance.
                var snapshot = holder.Current ?? throw new InvalidOperationException("snapshot vanished");
                var expected = float.Parse(snapshot.Properties["fill"], System.Globalization.CultureInfo.InvariantCulture);
                for (var row = 0; row < snapshot.Count; row++)
                {
                    foreach (var value in snapshot.VectorOf(row))
                    {
                        if (value != expected)
                        {
                            throw new InvalidOperationException($"{snapshot.Version} row {row} has {value}, expected {expected}");
                        }
                    }
                }
                if (snapshot.IndexOf(TestSnapshots.Ids[0]) != 0)
                {
                    throw new InvalidOperationException("lookup failed during a swap");
                }
                local++;
            }
            Interlocked.Add(ref reads, local);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        var activated = 0;
        for (var i = 0; i < 60; i++)
        {
            activated += await activator.ActivateAsync(versions[(i + 1) % versions.Length], "test") ? 1 : 0;
        }
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Equal(60, activated);
        Assert.Equal(61, swaps);
        Assert.True(reads > 0);
    }

    [Fact]
    public async Task Activate_CorruptFile_KeepsServingThePreviousSnapshot()
    {
        var dir = TestSnapshots.TempDirectory();
        var store = new CatalogSnapshotStore(dir);
        store.Save(TestSnapshots.Create("v1"));
        File.WriteAllBytes(store.PathOf("v2"), [1, 2, 3]);
        var holder = new CatalogSnapshotHolder();
        var activator = new CatalogSnapshotActivator(store, holder, NullLogger<CatalogSnapshotActivator>.Instance);
        await activator.ActivateAsync("v1", "test");

        await Assert.ThrowsAsync<CatalogSnapshotFormatException>(() => activator.ActivateAsync("v2", "test"));
        Assert.Equal("v1", holder.Required.Version);
    }

    [Fact]
    public void Swap_ReportsSpaceChange()
    {
        var holder = new CatalogSnapshotHolder();
        var events = new List<CatalogSnapshotSwap>();
        holder.Swapped += events.Add;
        holder.Swap(TestSnapshots.Create("v1", "space-a"));
        holder.Swap(TestSnapshots.Create("v2", "space-a"));
        holder.Swap(TestSnapshots.Create("v3", "space-b"));
        Assert.Equal([true, false, true], events.Select(e => e.SpaceChanged));
    }

    private static CatalogSnapshot Filled(string version, int k)
    {
        var dims = 8;
        var tracks = TestSnapshots.Create("x").Tracks.ToArray();
        var value = k / 10f;
        var vectors = Enumerable.Repeat(value, tracks.Length * dims).ToArray();
        return new CatalogSnapshot(version, "space-a", dims, DateTimeOffset.UnixEpoch, tracks, [true, true, true], vectors, null,
            new Dictionary<string, string> { ["fill"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }
}
