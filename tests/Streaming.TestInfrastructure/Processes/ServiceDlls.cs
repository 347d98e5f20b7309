using System.Reflection;

namespace Streaming.TestInfrastructure.Processes;

/// <summary>
/// Where a service's build output is, as the test project baked it in (an <c>AssemblyMetadata</c>
/// <c>ServiceDll:NAME</c> next to a non-referencing <c>ProjectReference</c>, so the service is built first).
/// </summary>
public static class ServiceDlls
{
    public static string Of(Assembly testAssembly, string serviceName)
    {
        var key = "ServiceDll:" + serviceName;
        var path = testAssembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
                   ?? throw new InvalidOperationException($"{testAssembly.GetName().Name} bakes no {key} (add it to the test csproj).");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{serviceName} not built at {path}.", path);
    }
}
