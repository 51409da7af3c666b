using System.Text.Json;
using System.Text.Json.Serialization;
using Workflows.Kernel.Plans;

namespace Workflows.Plans;

/// <summary>A frequency as its API name (<see cref="ReportingFrequencies.ToApi"/>); reads every form <see cref="ReportingFrequencies.Parse"/> accepts.</summary>
internal sealed class ReportingFrequencyJsonConverter : JsonConverter<ReportingFrequency>
{
    public override ReportingFrequency Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return ReportingFrequencies.Parse(text)
            ?? throw new PlanFieldsJsonException("tần suất phải là monthly, quarterly, half-yearly, yearly, once hoặc unspecified.");
    }

    public override void Write(Utf8JsonWriter writer, ReportingFrequency value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ReportingFrequencies.ToApi(value));
}
