using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Workflows.Kernel;
using Workflows.Kernel.Plans;

namespace Workflows.Plans;

/// <summary>
/// The one place where <see cref="PlanFields"/> become JSON and back (source-generated, <see cref="JsonSerializerDefaults.Web"/>:
/// camelCase names, case-insensitive reading, numbers also read from strings; Vietnamese not escaped). Used by the plan
/// store (<c>plans.fields</c>, jsonb), the API (<c>fields</c>) and <c>plan inspect</c>. Accepted on reading, as stored
/// since the first version: a Nơi nhận entry as an object (<c>name</c>, <c>purpose</c> as a list or one string, <c>kind</c>
/// <c>external</c>/<c>internal</c>/<c>archive</c>) or a plain string; a frequency as <c>monthly</c>, <c>quarterly</c>,
/// <c>half-yearly</c> (or <c>half_yearly</c>), <c>yearly</c>, <c>once</c>, <c>unspecified</c>; a duty's <c>target</c>
/// as an object or a group name; dates as <c>yyyy-MM-dd</c>. Unknown members are ignored.
/// </summary>
public static class PlanFieldsJson
{
    private static readonly JsonSerializerOptions Compact = Create(indented: false);
    private static readonly JsonSerializerOptions Indented = Create(indented: true);

    /// <summary>The fields as one line of JSON, as stored and as the API returns them.</summary>
    public static string Serialize(PlanFields fields) => JsonSerializer.Serialize(fields, FieldsInfo(Compact));

    /// <summary>The fields as indented JSON, for a person to read (<c>plan inspect</c>).</summary>
    public static string SerializeIndented(PlanFields fields) => JsonSerializer.Serialize(fields, FieldsInfo(Indented));

    /// <summary>The fields as a JSON element, to embed in an API response.</summary>
    public static JsonElement ToElement(PlanFields fields) => JsonSerializer.SerializeToElement(fields, FieldsInfo(Compact));

    /// <summary>One duty as one line of JSON (its element of <c>fields.reportingDuties</c>).</summary>
    public static string Serialize(ReportingDuty duty) => JsonSerializer.Serialize(duty, DutyInfo(Compact));

    /// <summary>One duty as a JSON element, for an audit record.</summary>
    public static JsonElement ToElement(ReportingDuty duty) => JsonSerializer.SerializeToElement(duty, DutyInfo(Compact));

    /// <summary>Reads fields sent by a user (API body).</summary>
    /// <param name="json">A JSON object; null or an absent value reads as <see cref="PlanFields.Empty"/>.</param>
    /// <exception cref="WorkflowException">Not an object, or a member of the wrong type or value (422 naming <c>fields</c>;
    /// the message names the member, e.g. <c>fields.reportingDuties[0].dueDay</c>).</exception>
    public static PlanFields Parse(JsonElement? json)
    {
        if (json is not { } element || element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return PlanFields.Empty;
        if (element.ValueKind != JsonValueKind.Object) throw WorkflowException.Invalid("fields", "fields phải là một đối tượng JSON.");
        try
        {
            return element.Deserialize(FieldsInfo(Compact)) ?? PlanFields.Empty;
        }
        catch (JsonException e)
        {
            throw WorkflowException.Invalid("fields", $"fields không hợp lệ tại '{Member("fields", e.Path)}': {Reason(e)}");
        }
    }

    /// <summary>Reads one reporting duty sent by a user (the duty completion body).</summary>
    /// <param name="json">A JSON object.</param>
    /// <param name="field">The duty's name in errors, e.g. <c>reportingDuties[0]</c>.</param>
    /// <exception cref="WorkflowException">Not an object, or a member of the wrong type or value (422 naming the member,
    /// e.g. <c>reportingDuties[0].dueDay</c>).</exception>
    public static ReportingDuty ParseDuty(JsonElement json, string field)
    {
        if (json.ValueKind != JsonValueKind.Object) throw WorkflowException.Invalid(field, "Mỗi nhiệm vụ báo cáo phải là một đối tượng JSON.");
        try
        {
            return json.Deserialize(DutyInfo(Compact))!;
        }
        catch (JsonException e)
        {
            var member = Member(field, e.Path);
            throw WorkflowException.Invalid(member, $"Nhiệm vụ báo cáo có giá trị sai kiểu tại '{member}': {Reason(e)}");
        }
    }

    /// <summary>Reads the fields as stored in <c>plans.fields</c>.</summary>
    /// <exception cref="JsonException">The stored JSON does not have the shape of <see cref="PlanFields"/>.</exception>
    internal static PlanFields ReadStored(string json) =>
        string.IsNullOrWhiteSpace(json) ? PlanFields.Empty : JsonSerializer.Deserialize(json, FieldsInfo(Compact)) ?? PlanFields.Empty;

    // "$.reportingDuties[0].dueDay" under "fields" gives "fields.reportingDuties[0].dueDay".
    private static string Member(string root, string? path) =>
        path is null || path == "$" ? root : root + (path.StartsWith("$[", StringComparison.Ordinal) ? path[1..] : path.TrimStart('$'));

    private static string Reason(JsonException e) =>
        e is PlanFieldsJsonException ? e.Message : "giá trị không đúng kiểu (cần chuỗi, số, ngày yyyy-MM-dd, danh sách hoặc đối tượng như mô tả).";

    private static JsonTypeInfo<PlanFields> FieldsInfo(JsonSerializerOptions options) => (JsonTypeInfo<PlanFields>)options.GetTypeInfo(typeof(PlanFields));

    private static JsonTypeInfo<ReportingDuty> DutyInfo(JsonSerializerOptions options) => (JsonTypeInfo<ReportingDuty>)options.GetTypeInfo(typeof(ReportingDuty));

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(PlanFieldsJsonContext.Default.Options)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = indented,
        };
        options.MakeReadOnly();
        return options;
    }
}
