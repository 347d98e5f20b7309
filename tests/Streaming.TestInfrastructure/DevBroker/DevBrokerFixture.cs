using System.Globalization;
using System.Runtime.CompilerServices;
using Confluent.Kafka;
using Streaming.Messaging;
using Streaming.TestInfrastructure.Processes;
using Xunit;

namespace Streaming.TestInfrastructure.DevBroker;

/// <summary>
/// Runs deploy/Streaming.DevBroker (librdkafka mock cluster) as a child process on free ports and
/// exposes its bootstrap address and control API. Use as a class, collection or (through one
/// collection) assembly-wide fixture; derive and override <see cref="BrokerCount"/> for more brokers.
/// </summary>
public class DevBrokerFixture : IAsyncLifetime, IAsyncDisposable
{
    public const string ReadyPrefix = "DEVBROKER READY";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private ChildProcess? _process;
    private DevBrokerControlClient? _control;
    private string? _bootstrapServers;

    /// <summary>Brokers to start (1 by default).</summary>
    protected virtual int BrokerCount => 1;

    /// <summary>Bootstrap servers (<c>ConnectionStrings:kafka</c>), e.g. <c>127.0.0.1:41234</c>.</summary>
    public string BootstrapServers => _bootstrapServers ?? throw NotInitialized();

    public Uri ControlUri => Control.BaseAddress;

    /// <summary>Fault injection: BrokerDown/BrokerUp, CreateTopic, request errors, leaders.</summary>
    public DevBrokerControlClient Control => _control ?? throw NotInitialized();

    public int Brokers => BrokerCount;

    /// <summary>The dev broker's process id (its memory, for the soak).</summary>
    public int ProcessId => _process?.Id ?? throw NotInitialized();

    public async Task InitializeAsync()
    {
        // The tests' own Confluent clients need the loadable librdkafka too.
        KafkaNative.EnsureLoaded();

        var dll = await DevBrokerLocator.FindOrBuildAsync();
        var process = ChildProcess.Start(
            $"DevBroker ({Path.GetFileName(dll)})",
            DotNetHost.Path,
            [dll,
             "--port", "0",
             "--control-port", "0",
             "--brokers", BrokerCount.ToString(CultureInfo.InvariantCulture),
             "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)],
            Path.GetDirectoryName(dll),
            new Dictionary<string, string?>
            {
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Streaming.DevBroker"] = "Information",
                ["DOTNET_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
            });
        _process = process;
        try
        {
            var ready = await process.WaitForOutputLineAsync(
                line => line.StartsWith(ReadyPrefix, StringComparison.Ordinal), ReadyTimeout, "its READY line");
            var fields = ParseReadyLine(ready);
            if (!fields.TryGetValue("bootstrap", out var bootstrap) || !fields.TryGetValue("control", out var control)
                || !Uri.TryCreate(control.EndsWith('/') ? control : control + "/", UriKind.Absolute, out var controlUri))
            {
                throw new InvalidOperationException($"Unexpected READY line '{ready}'.{Environment.NewLine}{process.DescribeOutput()}");
            }

            _bootstrapServers = bootstrap;
            _control = new DevBrokerControlClient(controlUri);
        }
        catch
        {
            await process.DisposeAsync();
            _process = null;
            throw;
        }
    }

    /// <summary>A broker of one test alone (<c>await using</c>): taking it down disturbs no other test.</summary>
    public static async Task<DevBrokerFixture> StartPrivateAsync()
    {
        var broker = new DevBrokerFixture();
        await broker.InitializeAsync();
        return broker;
    }

    /// <summary>Creates a topic named after the calling test (see <see cref="TestNames.Topic"/>) and returns its name.</summary>
    public async Task<string> CreateTopicAsync(int partitions = 1, [CallerMemberName] string testName = "")
    {
        var topic = TestNames.Topic(testName);
        await Control.CreateTopicAsync(topic, partitions);
        return topic;
    }

    /// <summary>Creates <paramref name="name"/> with <paramref name="partitions"/> partitions.</summary>
    public Task CreateTopicAsync(string name, int partitions) => Control.CreateTopicAsync(name, partitions);

    public ProducerConfig CreateProducerConfig() => new()
    {
        BootstrapServers = BootstrapServers,
        ClientId = "test-producer",
    };

    /// <summary>Consumer settings that suit the mock cluster: KIP-848 protocol (fast rebalances), from the earliest offset.</summary>
    public ConsumerConfig CreateConsumerConfig(string groupId) => new()
    {
        BootstrapServers = BootstrapServers,
        ClientId = "test-consumer",
        GroupId = groupId,
        GroupProtocol = GroupProtocol.Consumer,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
    };

    /// <summary>The DevBroker's recent stdout/stderr, for assertion messages.</summary>
    public string DescribeOutput() => _process?.DescribeOutput() ?? "(DevBroker not started)";

    public async Task DisposeAsync()
    {
        _control?.Dispose();
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    private static Dictionary<string, string> ParseReadyLine(string line) =>
        line[ReadyPrefix.Length..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

    private static InvalidOperationException NotInitialized() => new("DevBrokerFixture is not initialized.");
}
