using MassTransit;

namespace Streaming.Catalog.Core.Hosting;

/// <summary>
/// The bus that carries catalog announcements. A bus of its own (MassTransit multi-bus), so a
/// service can still call <c>AddMassTransit</c> for its own messages without a clash.
/// </summary>
public interface ICatalogBus : IBus;
