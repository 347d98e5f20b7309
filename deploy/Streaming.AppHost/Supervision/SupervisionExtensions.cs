using Microsoft.Extensions.DependencyInjection;

namespace Streaming.AppHost.Supervision;

internal static class SupervisionExtensions
{
    /// <summary>Starts the resource again when it exits with a failure (see <see cref="ResourceSupervisor"/>).</summary>
    public static IResourceBuilder<T> WithRestartOnFailure<T>(this IResourceBuilder<T> builder) where T : IResource =>
        builder.WithAnnotation(new RestartOnFailureAnnotation());

    public static IDistributedApplicationBuilder AddResourceSupervisor(this IDistributedApplicationBuilder builder)
    {
        builder.Services.AddHostedService<ResourceSupervisor>();
        return builder;
    }
}
