using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.DevBroker.Control;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CreateTopicRequest))]
[JsonSerializable(typeof(PushRequestErrorsRequest))]
[JsonSerializable(typeof(SetLeaderRequest))]
[JsonSerializable(typeof(SetRttRequest))]
[JsonSerializable(typeof(HealthStatus))]
[JsonSerializable(typeof(TopicStatus))]
[JsonSerializable(typeof(ControlResult))]
[JsonSerializable(typeof(ControlError))]
public sealed partial class ControlJsonContext : JsonSerializerContext;
