using System.Text.Json;
using System.Text.Json.Serialization;
using Workflows.Kernel.Plans;

namespace Workflows.Plans;

/// <summary>
/// A Nơi nhận entry: written as <c>{"name", "purpose": [...], "kind"}</c> (kind <c>external</c>, <c>internal</c> or
/// <c>archive</c>); read from that object (purpose also as one string; missing kind means external) or from a plain string.
/// </summary>
internal sealed class PlanRecipientJsonConverter : JsonConverter<PlanRecipient>
{
    public override PlanRecipient Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new PlanRecipient(reader.GetString()!, [], RecipientKind.External);
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new PlanFieldsJsonException("mỗi dòng Nơi nhận là một chuỗi hoặc đối tượng có name, purpose, kind.");
        var name = "";
        var purposes = new List<string>();
        var kind = RecipientKind.External;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null) continue;
            if (string.Equals(property, "name", StringComparison.OrdinalIgnoreCase)) name = reader.GetString() ?? "";
            else if (string.Equals(property, "purpose", StringComparison.OrdinalIgnoreCase))
            {
                if (reader.TokenType == JsonTokenType.String) purposes.Add(reader.GetString()!);
                else if (reader.TokenType == JsonTokenType.StartArray)
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        if (reader.TokenType != JsonTokenType.Null) purposes.Add(reader.GetString()!);
                }
                else throw new PlanFieldsJsonException("purpose là danh sách mục đích (b/c, t/h…) hoặc một chuỗi.");
            }
            else if (string.Equals(property, "kind", StringComparison.OrdinalIgnoreCase)) kind = Kind(reader.GetString());
            else reader.Skip();
        }
        return new PlanRecipient(name, purposes.Where(p => p.Trim().Length > 0).ToList(), kind);
    }

    public override void Write(Utf8JsonWriter writer, PlanRecipient value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("name", value.Name);
        writer.WriteStartArray("purpose");
        foreach (var purpose in value.Purpose) writer.WriteStringValue(purpose);
        writer.WriteEndArray();
        writer.WriteString("kind", value.Kind switch
        {
            RecipientKind.Internal => "internal",
            RecipientKind.Archive => "archive",
            _ => "external",
        });
        writer.WriteEndObject();
    }

    private static RecipientKind Kind(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "external" => RecipientKind.External,
        "internal" => RecipientKind.Internal,
        "archive" => RecipientKind.Archive,
        _ => throw new PlanFieldsJsonException($"kind '{text}' không hợp lệ: chọn external, internal hoặc archive."),
    };
}
