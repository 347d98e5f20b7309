using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.TestInfrastructure.DevBroker;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CreateTopicRequest))]
[JsonSerializable(typeof(PushRequestErrorsRequest))]
[JsonSerializable(typeof(SetLeaderRequest))]
[JsonSerializable(typeof(SetRttRequest))]
[JsonSerializable(typeof(DevBrokerHealth))]
internal sealed partial class DevBrokerJsonContext : JsonSerializerContext;
