using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.Replay.Report;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReplayReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
