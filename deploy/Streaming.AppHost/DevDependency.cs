namespace Streaming.AppHost;

/// <summary>An infrastructure piece of the dev stack: the process to wait for and the connection string services get.</summary>
internal sealed record DevDependency(IResourceBuilder<IResource> Process, IResourceBuilder<IResourceWithConnectionString> Connection);
