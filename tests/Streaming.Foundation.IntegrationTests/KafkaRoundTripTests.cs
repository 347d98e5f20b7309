using System.Text;
using System.Diagnostics;
using Confluent.Kafka;
using Streaming.Messaging;
using Streaming.TestInfrastructure;
using Streaming.TestInfrastructure.DevBroker;

namespace Streaming.Foundation.IntegrationTests;

[Collection(FoundationCollection.Name)]
public sealed class KafkaRoundTripTests(DevBrokerFixture broker, TestTracing tracing)
{
    private static readonly TimeSpan ConsumeDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ProduceAsync_FreshTopic_ConsumerGroupReadsKeyValueAndHeaders()
    {
        var topic = await broker.CreateTopicAsync(partitions: 4);
        var headers = new Headers
        {
            { "event-type", "listening-event"u8.ToArray() },
            { "schema-version", "1"u8.ToArray() },
        };

        using (var producer = new ProducerBuilder<string, string>(broker.CreateProducerConfig()).Build())
        {
            var delivery = await producer.ProduceAsync(
                topic, new Message<string, string> { Key = "user-42", Value = "{\"trackId\":\"t-1\"}", Headers = headers });
            Assert.Equal(PersistenceStatus.Persisted, delivery.Status);
        }

        using var consumer = new ConsumerBuilder<string, string>(broker.CreateConsumerConfig(TestNames.GroupId())).Build();
        consumer.Subscribe(topic);
        var result = ConsumeOne(consumer);
        consumer.Commit(result);
        consumer.Close();

        Assert.Equal("user-42", result.Message.Key);
        Assert.Equal("{\"trackId\":\"t-1\"}", result.Message.Value);
        Assert.Equal("listening-event", Encoding.UTF8.GetString(result.Message.Headers.GetLastBytes("event-type")));
        Assert.Equal("1", Encoding.UTF8.GetString(result.Message.Headers.GetLastBytes("schema-version")));
    }

    [Fact]
    public async Task ProduceAsync_WithPublishSpan_ProcessSpanContinuesTheProducersTrace()
    {
        Assert.NotNull(tracing);
        var topic = await broker.CreateTopicAsync(partitions: 2);
        using var root = TestTracing.Source.StartActivity("foundation produce-consume round trip");
        Assert.NotNull(root);

        var headers = new Headers();
        ActivityContext published;
        using (var producer = new ProducerBuilder<string, string>(broker.CreateProducerConfig()).Build())
        using (var publish = KafkaTelemetry.StartPublish(topic, "user-7", headers))
        {
            Assert.NotNull(publish);
            published = publish.Context;
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "user-7", Value = "{}", Headers = headers });
        }

        using var consumer = new ConsumerBuilder<string, string>(broker.CreateConsumerConfig(TestNames.GroupId())).Build();
        consumer.Subscribe(topic);
        var result = ConsumeOne(consumer);
        consumer.Close();

        using var process = KafkaTelemetry.StartProcess(result);
        Assert.NotNull(process);
        Assert.Equal($"{topic} process", process.DisplayName);
        Assert.Equal(ActivityKind.Consumer, process.Kind);
        Assert.Equal(root.TraceId, process.TraceId);
        Assert.Equal(published.SpanId, process.ParentSpanId);
        Assert.StartsWith($"00-{root.TraceId}-", Encoding.UTF8.GetString(result.Message.Headers.GetLastBytes("traceparent")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProduceAsync_BrokerDown_FailsWithDeliveryErrorAndSucceedsAfterBrokerUp()
    {
        var topic = await broker.CreateTopicAsync();
        var config = broker.CreateProducerConfig();
        config.MessageTimeoutMs = 1500;
        config.ReconnectBackoffMs = 50;
        config.ReconnectBackoffMaxMs = 500;
        using var producer = new ProducerBuilder<string, string>(config)
            .SetLogHandler((_, _) => { }) // expected connection-refused noise
            .Build();
        await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "before" });

        ProduceException<string, string> failure;
        await broker.Control.BrokerDownAsync();
        try
        {
            failure = await Assert.ThrowsAsync<ProduceException<string, string>>(() =>
                producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "while-down" }));
        }
        finally
        {
            await broker.Control.BrokerUpAsync();
        }

        Assert.Equal(ErrorCode.Local_MsgTimedOut, failure.Error.Code);
        Assert.Equal(PersistenceStatus.NotPersisted, failure.DeliveryResult.Status);

        // Short message timeout above; a full one now that the broker is back.
        var recovered = await ProduceWithinAsync(producer, topic, TimeSpan.FromSeconds(30));
        Assert.Equal(PersistenceStatus.Persisted, recovered.Status);
    }

    private static ConsumeResult<string, string> ConsumeOne(IConsumer<string, string> consumer)
    {
        var deadline = DateTime.UtcNow + ConsumeDeadline;
        while (DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (result is { IsPartitionEOF: false, Message: not null })
            {
                return result;
            }
        }

        throw new TimeoutException($"No message consumed within {ConsumeDeadline.TotalSeconds:0} s.");
    }

    /// <summary>Retries the local timeouts that can still come from the outage (the message timeout is short).</summary>
    private static async Task<DeliveryResult<string, string>> ProduceWithinAsync(
        IProducer<string, string> producer, string topic, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            try
            {
                return await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "after-up" });
            }
            catch (ProduceException<string, string> ex) when (ex.Error.Code == ErrorCode.Local_MsgTimedOut && DateTime.UtcNow < until)
            {
            }
        }
    }
}
