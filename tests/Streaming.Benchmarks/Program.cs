using System.Reflection;
using Streaming.Benchmarks;

// Every IBench in this assembly is a verb; adding a bench is adding a class.
var benches = typeof(IBench).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBench).IsAssignableFrom(t))
    .Select(t => (IBench)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToDictionary(b => b.Name, StringComparer.OrdinalIgnoreCase);

if (args.Length == 0 || !benches.TryGetValue(args[0], out var bench))
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/Streaming.Benchmarks -- <bench> [options]");
    foreach (var b in benches.Values)
    {
        Console.Error.WriteLine($"  {b.Name,-12} {b.Description}");
    }
    return args.Length == 0 ? 0 : 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
return await bench.RunAsync(args[1..], cts.Token);
