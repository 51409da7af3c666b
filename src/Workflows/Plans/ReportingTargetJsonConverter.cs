using System.Text.Json;
using System.Text.Json.Serialization;
using Workflows.Kernel.Plans;

namespace Workflows.Plans;

/// <summary>A duty's target: an object with <c>group</c>, <c>groupId</c>, <c>entryIds</c> (each optional), or a group name as a string.</summary>
internal sealed class ReportingTargetJsonConverter : JsonConverter<ReportingTarget>
{
    public override ReportingTarget Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new ReportingTarget(Group: reader.GetString());
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new PlanFieldsJsonException("target là tên nhóm trong danh bạ hoặc đối tượng có group, groupId hoặc entryIds.");
        string? group = null;
        Guid? groupId = null;
        List<Guid>? entryIds = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null) continue;
            if (string.Equals(name, "group", StringComparison.OrdinalIgnoreCase)) group = reader.GetString();
            else if (string.Equals(name, "groupId", StringComparison.OrdinalIgnoreCase)) groupId = reader.GetGuid();
            else if (string.Equals(name, "entryIds", StringComparison.OrdinalIgnoreCase))
            {
                if (reader.TokenType != JsonTokenType.StartArray) throw new PlanFieldsJsonException("entryIds là danh sách mã mục danh bạ.");
                entryIds = [];
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) entryIds.Add(reader.GetGuid());
            }
            else reader.Skip();
        }
        return new ReportingTarget(group, groupId, entryIds);
    }

    public override void Write(Utf8JsonWriter writer, ReportingTarget value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.Group is not null) writer.WriteString("group", value.Group);
        if (value.GroupId is { } id) writer.WriteString("groupId", id);
        if (value.EntryIds is not null)
        {
            writer.WriteStartArray("entryIds");
            foreach (var entry in value.EntryIds) writer.WriteStringValue(entry);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }
}
