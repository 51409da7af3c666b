using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workflows.Definitions;

/// <summary>
/// Parses and validates the JSON of a workflow definition (schema: <c>workflows-definitions/workflow-definition.schema.json</c>).
/// Every error names the JSON path and the reason; unknown properties (such as designer layout) are refused.
/// </summary>
public sealed partial class WorkflowDefinitionParser
{
    /// <summary>The roles a human task may name.</summary>
    public static readonly IReadOnlySet<string> Roles = new HashSet<string>(Kernel.Roles.All, StringComparer.Ordinal);

    private static readonly string[] TopProperties = ["$schema", "id", "version", "kind", "name", "description", "start", "steps"];
    private static readonly string[] StepProperties =
        ["id", "kind", "name", "description", "role", "status", "dueInWorkingDays", "signing", "outcomes", "action", "next",
         "send", "at", "workingDays", "time", "group"];
    private static readonly string[] OutcomeProperties = ["next", "label", "requiresComment", "status"];

    private readonly IReadOnlySet<string> _actions;

    /// <summary>Creates a parser that accepts the given automatic action names.</summary>
    public WorkflowDefinitionParser(IEnumerable<string> actionNames) =>
        _actions = new HashSet<string>(actionNames, StringComparer.Ordinal);

    /// <summary>Parses <paramref name="json"/> read from <paramref name="file"/>.</summary>
    /// <exception cref="WorkflowDefinitionException">The JSON is malformed or breaks a rule; the first problem found.</exception>
    public WorkflowDefinition Parse(string json, string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new WorkflowDefinitionException(file, e.Path ?? "$", $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine}): {e.Message}");
        }
        using (document)
        {
            return Read(document.RootElement, file, json);
        }
    }

    private WorkflowDefinition Read(JsonElement root, string file, string json)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new WorkflowDefinitionException(file, "$", "the definition must be a JSON object");
        CheckProperties(root, "$", TopProperties, file);

        var id = RequiredString(root, "$", "id", file);
        if (!IdPattern().IsMatch(id)) throw new WorkflowDefinitionException(file, "$.id", "use lower-case letters, digits and dashes");
        var version = RequiredInt(root, "$", "version", file, 1, int.MaxValue);
        var definitionKind = OptionalString(root, "$", "kind", file) ?? WorkflowDefinition.PlanApprovalKind;
        if (definitionKind is not (WorkflowDefinition.PlanApprovalKind or WorkflowDefinition.ReportSubmissionKind))
            throw new WorkflowDefinitionException(file, "$.kind",
                $"'{definitionKind}' is not one of {WorkflowDefinition.PlanApprovalKind}, {WorkflowDefinition.ReportSubmissionKind}");
        var name = RequiredString(root, "$", "name", file);
        var start = RequiredString(root, "$", "start", file);
        if (!root.TryGetProperty("steps", out var stepsElement) || stepsElement.ValueKind != JsonValueKind.Array || stepsElement.GetArrayLength() == 0)
            throw new WorkflowDefinitionException(file, "$.steps", "a non-empty array of steps is required");

        var steps = new Dictionary<string, StepDefinition>(StringComparer.Ordinal);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in stepsElement.EnumerateArray())
        {
            var path = $"$.steps[{index++}]";
            var step = ReadStep(element, path, file);
            CheckKindOfStep(step, definitionKind, path, file);
            if (!steps.TryAdd(step.Id, step)) throw new WorkflowDefinitionException(file, path + ".id", $"step id '{step.Id}' is used twice");
            paths[step.Id] = path;
        }

        if (!steps.ContainsKey(start)) throw new WorkflowDefinitionException(file, "$.start", $"no step has the id '{start}'");
        foreach (var step in steps.Values)
        {
            foreach (var outcome in step.Outcomes.Values)
            {
                if (!steps.ContainsKey(outcome.Next))
                    throw new WorkflowDefinitionException(file, $"{paths[step.Id]}.outcomes.{outcome.Name}.next", $"no step has the id '{outcome.Next}'");
            }
            if (step.Next is not null && !steps.ContainsKey(step.Next))
                throw new WorkflowDefinitionException(file, $"{paths[step.Id]}.next", $"no step has the id '{step.Next}'");
        }
        CheckGraph(steps, paths, start, file);
        if (definitionKind == WorkflowDefinition.ReportSubmissionKind) CheckReportSubmission(steps, paths, start, file);
        return new WorkflowDefinition(id, version, name, start, steps, json) { Kind = definitionKind };
    }

    private StepDefinition ReadStep(JsonElement element, string path, string file)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new WorkflowDefinitionException(file, path, "a step must be a JSON object");
        CheckProperties(element, path, StepProperties, file);
        var id = RequiredString(element, path, "id", file);
        if (!IdPattern().IsMatch(id)) throw new WorkflowDefinitionException(file, path + ".id", "use lower-case letters, digits and dashes");
        var kindText = RequiredString(element, path, "kind", file);
        var kind = kindText switch
        {
            "humanTask" => StepKind.HumanTask,
            "action" => StepKind.Action,
            "end" => StepKind.End,
            "notify" => StepKind.Notify,
            _ => throw new WorkflowDefinitionException(file, path + ".kind", $"'{kindText}' is not one of humanTask, action, notify, end"),
        };
        var name = OptionalString(element, path, "name", file) ?? id;
        string? role = null, status = null, action = null, next = null;
        var due = 0;
        var signing = false;
        var outcomes = new Dictionary<string, OutcomeDefinition>(StringComparer.Ordinal);
        NotifyStep? notify = null;
        if (kind != StepKind.Notify) Forbid(element, path, file, "send", "at", "workingDays", "time", "group");
        switch (kind)
        {
            case StepKind.HumanTask:
                role = RequiredString(element, path, "role", file);
                if (!Roles.Contains(role))
                    throw new WorkflowDefinitionException(file, path + ".role", $"'{role}' is not one of {string.Join(", ", Roles)}");
                status = RequiredString(element, path, "status", file);
                due = RequiredInt(element, path, "dueInWorkingDays", file, 0, 365);
                signing = OptionalBool(element, path, "signing", file);
                if (!element.TryGetProperty("outcomes", out var outcomesElement) || outcomesElement.ValueKind != JsonValueKind.Object)
                    throw new WorkflowDefinitionException(file, path + ".outcomes", "a human task needs an object of outcomes");
                foreach (var property in outcomesElement.EnumerateObject())
                {
                    var outcomePath = $"{path}.outcomes.{property.Name}";
                    if (!IdPattern().IsMatch(property.Name))
                        throw new WorkflowDefinitionException(file, outcomePath, "outcome names use lower-case letters, digits and dashes");
                    if (property.Value.ValueKind != JsonValueKind.Object)
                        throw new WorkflowDefinitionException(file, outcomePath, "an outcome must be a JSON object");
                    CheckProperties(property.Value, outcomePath, OutcomeProperties, file);
                    outcomes[property.Name] = new OutcomeDefinition(
                        property.Name,
                        RequiredString(property.Value, outcomePath, "next", file),
                        OptionalString(property.Value, outcomePath, "label", file) ?? property.Name,
                        OptionalBool(property.Value, outcomePath, "requiresComment", file),
                        OptionalString(property.Value, outcomePath, "status", file));
                }
                if (outcomes.Count == 0) throw new WorkflowDefinitionException(file, path + ".outcomes", "a human task needs at least one outcome");
                Forbid(element, path, file, "action", "next");
                break;
            case StepKind.Action:
                action = RequiredString(element, path, "action", file);
                if (!_actions.Contains(action))
                    throw new WorkflowDefinitionException(file, path + ".action", $"'{action}' is not one of the actions this Host knows: {string.Join(", ", _actions.Order())}");
                next = RequiredString(element, path, "next", file);
                Forbid(element, path, file, "role", "outcomes", "dueInWorkingDays", "signing", "status");
                break;
            case StepKind.Notify:
                notify = ReadNotify(element, path, file);
                next = RequiredString(element, path, "next", file);
                Forbid(element, path, file, "role", "outcomes", "dueInWorkingDays", "signing", "status", "action");
                break;
            case StepKind.End:
                status = RequiredString(element, path, "status", file);
                Forbid(element, path, file, "role", "outcomes", "dueInWorkingDays", "signing", "action", "next");
                break;
        }
        return new StepDefinition(id, kind, name, role, status, due, signing, outcomes, action, next) { Notify = notify };
    }

    private static NotifyStep ReadNotify(JsonElement element, string path, string file)
    {
        var send = RequiredString(element, path, "send", file);
        if (!NotifyStep.Kinds.Contains(send))
            throw new WorkflowDefinitionException(file, path + ".send", $"'{send}' is not one of {string.Join(", ", NotifyStep.Kinds)}");
        var at = RequiredString(element, path, "at", file);
        if (at is not ("opening" or "deadline"))
            throw new WorkflowDefinitionException(file, path + ".at", $"'{at}' is not one of opening, deadline");
        var time = new TimeOnly(7, 0);
        if (OptionalString(element, path, "time", file) is { } timeText
            && !TimeOnly.TryParseExact(timeText, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out time))
            throw new WorkflowDefinitionException(file, path + ".time", $"'{timeText}' is not a time of day written HH:mm (Vietnam time)");
        var group = OptionalString(element, path, "group", file);
        if (group is not null && send != "leadersSummary")
            throw new WorkflowDefinitionException(file, path + ".group", "only a leadersSummary step names a group");
        int workingDays;
        switch (send, at)
        {
            case ("request", "opening"):
                Forbid(element, path, file, "workingDays", "time");
                workingDays = 0;
                break;
            case ("request", _):
                throw new WorkflowDefinitionException(file, path + ".at", "the request goes out at the period's opening: use \"at\": \"opening\"");
            case (_, "opening"):
                throw new WorkflowDefinitionException(file, path + ".at", $"a {send} step is timed from the deadline: use \"at\": \"deadline\"");
            case ("reminder", _):
                workingDays = RequiredInt(element, path, "workingDays", file, -30, 0);
                break;
            default:
                workingDays = RequiredInt(element, path, "workingDays", file, 1, 60);
                break;
        }
        return new NotifyStep(send, at, workingDays, time, group);
    }

    private static void CheckKindOfStep(StepDefinition step, string definitionKind, string path, string file)
    {
        var allowed = definitionKind == WorkflowDefinition.ReportSubmissionKind
            ? step.Kind is StepKind.Notify or StepKind.End
            : step.Kind is not StepKind.Notify;
        if (!allowed)
            throw new WorkflowDefinitionException(file, path + ".kind", definitionKind == WorkflowDefinition.ReportSubmissionKind
                ? "a reportSubmission definition has only notify and end steps"
                : "notify steps belong in a definition with \"kind\": \"reportSubmission\"");
    }

    private static void CheckReportSubmission(Dictionary<string, StepDefinition> steps, Dictionary<string, string> paths, string start, string file)
    {
        if (steps[start].Notify?.Send != "request")
            throw new WorkflowDefinitionException(file, "$.start", "a reportSubmission definition starts with its request step (\"send\": \"request\")");
        var requests = steps.Values.Where(s => s.Notify?.Send == "request").ToList();
        if (requests.Count > 1)
            throw new WorkflowDefinitionException(file, paths[requests[1].Id] + ".send", "only one step sends the request");
        (string Id, NotifyStep Notify)? previous = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var step = steps[start]; step.Kind == StepKind.Notify; step = steps[step.Next!])
        {
            if (!seen.Add(step.Id))
                throw new WorkflowDefinitionException(file, paths[step.Id] + ".next", "notify steps form a loop; they must lead to an end step");
            var notify = step.Notify!;
            if (previous is { } p && p.Notify.At == "deadline" && (notify.WorkingDays, notify.Time).CompareTo((p.Notify.WorkingDays, p.Notify.Time)) <= 0)
                throw new WorkflowDefinitionException(file, paths[step.Id] + ".workingDays",
                    $"steps run in time order: '{step.Id}' must come later than '{p.Id}'");
            previous = (step.Id, notify);
        }
    }

    private static void CheckGraph(Dictionary<string, StepDefinition> steps, Dictionary<string, string> paths, string start, string file)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var id))
        {
            if (!reached.Add(id)) continue;
            var step = steps[id];
            foreach (var outcome in step.Outcomes.Values) queue.Enqueue(outcome.Next);
            if (step.Next is not null) queue.Enqueue(step.Next);
        }
        var unreachable = steps.Keys.FirstOrDefault(id => !reached.Contains(id));
        if (unreachable is not null)
            throw new WorkflowDefinitionException(file, paths[unreachable], $"step '{unreachable}' cannot be reached from the start step '{start}'");
        if (!steps.Values.Any(s => s.Kind == StepKind.End))
            throw new WorkflowDefinitionException(file, "$.steps", "at least one end step is required");
        foreach (var step in steps.Values.Where(s => s.Kind == StepKind.Action))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var current = step; current.Kind == StepKind.Action; current = steps[current.Next!])
            {
                if (!seen.Add(current.Id))
                    throw new WorkflowDefinitionException(file, paths[step.Id] + ".next", "automatic actions form a loop with no human task or end step");
            }
        }
    }

    private static void CheckProperties(JsonElement element, string path, string[] allowed, string file)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(allowed, property.Name) < 0)
                throw new WorkflowDefinitionException(file, $"{path}.{property.Name}",
                    $"unknown property (allowed: {string.Join(", ", allowed)}); layout and designer data do not belong in definition files");
        }
    }

    private static void Forbid(JsonElement element, string path, string file, params string[] names)
    {
        foreach (var name in names)
        {
            if (element.TryGetProperty(name, out _))
                throw new WorkflowDefinitionException(file, $"{path}.{name}", "this property does not apply to this kind of step");
        }
    }

    private static string RequiredString(JsonElement element, string path, string name, string file) =>
        OptionalString(element, path, name, file) is { Length: > 0 } value
            ? value
            : throw new WorkflowDefinitionException(file, $"{path}.{name}", "a non-empty string is required");

    private static string? OptionalString(JsonElement element, string path, string name, string file)
    {
        if (!element.TryGetProperty(name, out var value)) return null;
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!.Trim()
            : throw new WorkflowDefinitionException(file, $"{path}.{name}", "must be a string");
    }

    private static bool OptionalBool(JsonElement element, string path, string name, string file)
    {
        if (!element.TryGetProperty(name, out var value)) return false;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new WorkflowDefinitionException(file, $"{path}.{name}", "must be true or false"),
        };
    }

    private static int RequiredInt(JsonElement element, string path, string name, string file, int min, int max)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
            throw new WorkflowDefinitionException(file, $"{path}.{name}", "a whole number is required");
        return number >= min && number <= max
            ? number
            : throw new WorkflowDefinitionException(file, $"{path}.{name}", $"must be between {min} and {max}");
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

}
