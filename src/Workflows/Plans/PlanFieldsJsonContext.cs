using System.Text.Json;
using System.Text.Json.Serialization;
using Workflows.Kernel.Plans;

namespace Workflows.Plans;

/// <summary>Source-generated JSON metadata of <see cref="PlanFields"/>; use it through <see cref="PlanFieldsJson"/>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    Converters = [typeof(PlanRecipientJsonConverter), typeof(ReportingFrequencyJsonConverter), typeof(ReportingTargetJsonConverter)])]
[JsonSerializable(typeof(PlanFields))]
[JsonSerializable(typeof(ReportingDuty))]
internal sealed partial class PlanFieldsJsonContext : JsonSerializerContext;
