using System.Text.Json;

namespace Workflows.Plans;

/// <summary>A value of plan fields that has the right JSON type but is not allowed; its message is Vietnamese, for the user.</summary>
internal sealed class PlanFieldsJsonException(string message) : JsonException(message);
