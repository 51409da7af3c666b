using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Workflows.Definitions;

/// <summary>
/// The structural rules of a workflow definition: <c>workflows-definitions/workflow-definition.schema.json</c> itself
/// (JSON Schema 2020-12, compiled into this assembly from that file), evaluated with JsonSchema.Net. Its first
/// failure becomes a <see cref="WorkflowDefinitionException"/> naming the JSON path (<c>$.steps[0].role</c>) and a
/// reason in words, taken from the schema where it says them (enum values, bounds, a pattern's description).
/// </summary>
internal static class WorkflowDefinitionSchema
{
    private const string ResourceName = "Workflows.Definitions.workflow-definition.schema.json";

    private static readonly Lazy<(JsonSchema Schema, JsonNode Document)> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Evaluates <paramref name="root"/> against the schema.</summary>
    /// <exception cref="WorkflowDefinitionException">The first structural problem, in document order.</exception>
    public static void Check(JsonElement root, string file)
    {
        var (schema, document) = Loaded.Value;
        var results = schema.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return;
        var order = DocumentOrder(root);
        var first = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 } && !UnderCondition(d.EvaluationPath.ToString()))
            .Select((d, index) => (Detail: d, Index: index))
            .OrderBy(e => UnderChoice(e.Detail.EvaluationPath.ToString()))
            .ThenBy(e => order.GetValueOrDefault(e.Detail.InstanceLocation.ToString(), int.MaxValue))
            .ThenBy(e => e.Index)
            .Select(e => e.Detail)
            .FirstOrDefault()
            ?? throw new WorkflowDefinitionException(file, "$", "the definition does not match workflow-definition.schema.json");
        throw Describe(first, root, document, file);
    }

    private static (JsonSchema, JsonNode) Load()
    {
        using var stream = typeof(WorkflowDefinitionSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        return (JsonSchema.FromText(text), JsonNode.Parse(text)!);
    }

    /// <summary>
    /// Failures inside a <c>oneOf</c> alternative may only say that this alternative was not the one taken (an escalation
    /// with <c>notify</c> fails the alternative that requires <c>outcome</c>), so a failure outside any alternative is
    /// named first; among alternatives' failures, the first in reading order.
    /// </summary>
    private static bool UnderChoice(string evaluationPath) => evaluationPath.Contains("/oneOf", StringComparison.Ordinal);

    /// <summary>Failures inside an <c>if</c> only choose the branch (a step of another kind); they are not errors.</summary>
    private static bool UnderCondition(string evaluationPath) => evaluationPath.Split('/').Contains("if");

    private static WorkflowDefinitionException Describe(EvaluationResults detail, JsonElement root, JsonNode document, string file)
    {
        var (keyword, message) = detail.Errors!.First();
        var location = Segments(detail.InstanceLocation.ToString());
        var path = JsonPath(root, location);
        var node = SchemaNode(document, Fragment(detail.SchemaLocation));
        var value = Value(root, location);
        var evaluationPath = detail.EvaluationPath.ToString();

        if (evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal) && keyword.Length == 0)
        {
            var parent = Walk(document, Fragment(detail.SchemaLocation)).LastOrDefault(n => n.Key == "additionalProperties" && n.Node is JsonValue).Parent?["properties"]?.AsObject();
            var allowed = parent is null ? "" : $" (allowed: {string.Join(", ", parent.Select(p => p.Key))})";
            return new(file, path, $"unknown property{allowed}; layout and designer data do not belong in definition files");
        }
        if (keyword == "required" && OneOfRequired(document, Fragment(detail.SchemaLocation)) is { } choices)
            return new(file, path, $"give exactly one of {string.Join(", ", choices)}");
        return keyword switch
        {
            "required" => Required(detail, root, node, location, file),
            "enum" => new(file, path, $"'{Text(value)}' is not one of {string.Join(", ", node?["enum"]?.AsArray().Select(v => Text(v)) ?? [])}"),
            "type" => new(file, path, TypeReason(node?["type"]?.GetValue<string>())),
            "minimum" or "maximum" => new(file, path, Bounds(node)),
            "minLength" => new(file, path, "a non-empty string is required"),
            "minItems" or "minProperties" => new(file, path, "at least one entry is required"),
            "pattern" when evaluationPath.Contains("/propertyNames", StringComparison.Ordinal) =>
                new(file, path, $"'{location[^1]}': use {node?["description"]?.GetValue<string>() ?? "the pattern " + node?["pattern"]}"),
            "pattern" => new(file, path, $"'{Text(value)}': use {node?["description"]?.GetValue<string>() ?? "the pattern " + node?["pattern"]}"),
            _ => new(file, path, message),
        };
    }

    /// <summary>
    /// When <paramref name="pointer"/> is an alternative of a <c>oneOf</c> whose alternatives each require one property
    /// (an escalation's <c>notify</c>, <c>reassignTo</c>, <c>outcome</c>), those properties: a failure there means none or
    /// several were given (JsonSchema.Net reports the alternatives that failed, not the <c>oneOf</c>). Null otherwise.
    /// </summary>
    private static IReadOnlyList<string>? OneOfRequired(JsonNode document, string pointer)
    {
        var cut = pointer.LastIndexOf('/');
        if (cut < 0 || !pointer[..cut].EndsWith("/oneOf", StringComparison.Ordinal) || !int.TryParse(pointer[(cut + 1)..], out _)) return null;
        return SchemaNode(document, pointer[..cut]) is JsonArray choices && choices.All(c => c?["required"] is JsonArray { Count: 1 })
            ? [.. choices.Select(c => c!["required"]![0]!.GetValue<string>())]
            : null;
    }

    private static WorkflowDefinitionException Required(EvaluationResults detail, JsonElement root, JsonNode? node, IReadOnlyList<string> location, string file)
    {
        var instance = Element(root, location);
        var missing = node?["required"]?.AsArray().Select(n => n!.GetValue<string>())
            .FirstOrDefault(name => instance is not { ValueKind: JsonValueKind.Object } o || !o.TryGetProperty(name, out _));
        if (missing is null) return new(file, JsonPath(root, location), detail.Errors!.First().Value);
        var property = Resolve(node!.Root, node["properties"]?[missing]);
        var reason = property?["enum"] is JsonArray values
            ? $"is required: one of {string.Join(", ", values.Select(v => Text(v)))}"
            : property?["type"]?.GetValue<string>() switch
            {
                "integer" => "a whole number is required",
                "string" => "a non-empty string is required",
                "object" => "an object is required",
                "array" => "a non-empty array is required",
                _ => "is required",
            };
        return new(file, JsonPath(root, [.. location, missing]), reason);
    }

    private static string TypeReason(string? type) => type switch
    {
        "integer" => "a whole number is required",
        "string" => "must be a string",
        "boolean" => "must be true or false",
        "object" => "must be a JSON object",
        "array" => "must be an array",
        _ => $"must be of type {type}",
    };

    private static string Bounds(JsonNode? node)
    {
        var minimum = node?["minimum"]?.ToJsonString();
        var maximum = node?["maximum"]?.ToJsonString();
        return (minimum, maximum) switch
        {
            ({ } min, { } max) => $"must be between {min} and {max}",
            ({ } min, null) => $"must be at least {min}",
            (null, { } max) => $"must be at most {max}",
            _ => "is out of range",
        };
    }

    private static string Fragment(Uri location) => Uri.UnescapeDataString(location.Fragment.TrimStart('#'));

    /// <summary>The subschema at <paramref name="pointer"/> (a JSON pointer into the schema file).</summary>
    private static JsonNode? SchemaNode(JsonNode document, string pointer) =>
        Walk(document, pointer) is { Count: > 0 } steps ? steps[^1].Node : document;

    /// <summary>
    /// The schema nodes along <paramref name="pointer"/>, each with its key and parent. Segments that name nothing are
    /// passed over: JsonSchema.Net 8 adds the name of the enclosing property after <c>additionalProperties</c> in some
    /// schema locations (<c>…/additionalProperties/outcomes</c>).
    /// </summary>
    private static List<(string Key, JsonNode Node, JsonNode Parent)> Walk(JsonNode document, string pointer)
    {
        var steps = new List<(string, JsonNode, JsonNode)>();
        var node = document;
        foreach (var segment in Segments(pointer))
        {
            var child = node switch
            {
                JsonObject o => o[segment],
                JsonArray a when int.TryParse(segment, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (child is null) continue;
            steps.Add((segment, child, node));
            node = child;
        }
        return steps;
    }

    /// <summary>Follows a local <c>$ref</c> (<c>#/$defs/id</c>) to the subschema it names.</summary>
    private static JsonNode? Resolve(JsonNode document, JsonNode? node) =>
        node?["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith('#')
            ? SchemaNode(document, reference[1..])
            : node;

    private static string[] Segments(string pointer) =>
        pointer.Length == 0
            ? []
            : pointer.TrimStart('/').Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();

    private static JsonElement? Element(JsonElement root, IEnumerable<string> location)
    {
        var current = root;
        foreach (var segment in location)
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child)) current = child;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, CultureInfo.InvariantCulture, out var i) && i < current.GetArrayLength()) current = current[i];
            else return null;
        }
        return current;
    }

    private static JsonNode? Value(JsonElement root, IReadOnlyList<string> location) =>
        Element(root, location) is { } element ? JsonNode.Parse(element.GetRawText()) : null;

    /// <summary><c>$.steps[0].outcomes.approve</c>: array items by index, object members by name.</summary>
    private static string JsonPath(JsonElement root, IEnumerable<string> location)
    {
        var path = new System.Text.StringBuilder("$");
        JsonElement? current = root;
        foreach (var segment in location)
        {
            if (current is { ValueKind: JsonValueKind.Array } array && int.TryParse(segment, CultureInfo.InvariantCulture, out var i))
            {
                path.Append('[').Append(i).Append(']');
                current = i < array.GetArrayLength() ? array[i] : null;
            }
            else
            {
                path.Append('.').Append(segment);
                current = current is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(segment, out var child) ? child : null;
            }
        }
        return path.ToString();
    }

    /// <summary>A string as its text, anything else as JSON.</summary>
    private static string Text(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "null";

    /// <summary>Each JSON pointer of the instance with its position in a depth-first walk (the order a reader meets it).</summary>
    private static Dictionary<string, int> DocumentOrder(JsonElement root)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        Walk(root, "");
        return order;

        void Walk(JsonElement element, string pointer)
        {
            order[pointer] = order.Count;
            if (element.ValueKind == JsonValueKind.Object)
                foreach (var property in element.EnumerateObject())
                    Walk(property.Value, pointer + "/" + property.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
            else if (element.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in element.EnumerateArray()) Walk(item, $"{pointer}/{i++}");
            }
        }
    }
}
