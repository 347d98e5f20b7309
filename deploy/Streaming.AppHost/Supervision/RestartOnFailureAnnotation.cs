namespace Streaming.AppHost.Supervision;

/// <summary>Marks a resource <see cref="ResourceSupervisor"/> starts again when it exits with a failure.</summary>
internal sealed class RestartOnFailureAnnotation : IResourceAnnotation;
