using System.Text.Json;

namespace Workflows.Definitions;

/// <summary>
/// Parses and validates the JSON of a workflow definition. The structural rules (properties, types, bounds, enums,
/// which properties each kind of step takes) are <c>workflows-definitions/workflow-definition.schema.json</c> itself,
/// evaluated first (<see cref="WorkflowDefinitionSchema"/>); this class then checks what a schema cannot say: step
/// references, reachability, end steps, loops of actions, the order of notify steps, the roles and actions this Host
/// knows, and which step kinds each definition kind takes. Every error names the file, the JSON path and the reason;
/// unknown properties (such as designer layout) are refused.
/// </summary>
public sealed class WorkflowDefinitionParser
{
    /// <summary>The roles a human task may name.</summary>
    public static readonly IReadOnlySet<string> Roles = new HashSet<string>(Kernel.Roles.All, StringComparer.Ordinal);

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
            WorkflowDefinitionSchema.Check(document.RootElement, file);
            return Read(document.RootElement, file, json);
        }
    }

    /// <summary>Reads a definition the schema accepted and checks its meaning.</summary>
    private WorkflowDefinition Read(JsonElement root, string file, string json)
    {
        var id = String(root, "id")!;
        var version = root.GetProperty("version").GetInt32();
        var definitionKind = String(root, "kind") ?? WorkflowDefinition.PlanApprovalKind;
        var name = String(root, "name")!;
        var start = String(root, "start")!;

        var steps = new Dictionary<string, StepDefinition>(StringComparer.Ordinal);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in root.GetProperty("steps").EnumerateArray())
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
        var id = String(element, "id")!;
        var kind = String(element, "kind") switch
        {
            "humanTask" => StepKind.HumanTask,
            "action" => StepKind.Action,
            "notify" => StepKind.Notify,
            _ => StepKind.End,
        };
        var name = String(element, "name") ?? id;
        var outcomes = new Dictionary<string, OutcomeDefinition>(StringComparer.Ordinal);
        if (kind == StepKind.HumanTask)
        {
            foreach (var property in element.GetProperty("outcomes").EnumerateObject())
            {
                outcomes[property.Name] = new OutcomeDefinition(
                    property.Name,
                    String(property.Value, "next")!,
                    String(property.Value, "label") ?? property.Name,
                    Bool(property.Value, "requiresComment"),
                    String(property.Value, "status"));
            }
        }
        var role = String(element, "role");
        if (role is not null && !Roles.Contains(role))
            throw new WorkflowDefinitionException(file, path + ".role", $"'{role}' is not one of {string.Join(", ", Roles)}");
        var action = String(element, "action");
        if (action is not null && !_actions.Contains(action))
            throw new WorkflowDefinitionException(file, path + ".action", $"'{action}' is not one of the actions this Host knows: {string.Join(", ", _actions.Order())}");
        return new StepDefinition(id, kind, name, role, String(element, "status"),
            element.TryGetProperty("dueInWorkingDays", out var due) ? due.GetInt32() : 0, Bool(element, "signing"), outcomes,
            action, String(element, "next"))
        {
            Notify = kind == StepKind.Notify ? ReadNotify(element, path, file) : null,
        };
    }

    private static NotifyStep ReadNotify(JsonElement element, string path, string file)
    {
        var send = String(element, "send")!;
        var at = String(element, "at")!;
        var time = String(element, "time") is { } timeText
            ? TimeOnly.ParseExact(timeText, "HH:mm", System.Globalization.CultureInfo.InvariantCulture)
            : new TimeOnly(7, 0);
        var group = String(element, "group");
        if (group is not null && send != "leadersSummary")
            throw new WorkflowDefinitionException(file, path + ".group", "only a leadersSummary step names a group");
        int workingDays;
        switch (send, at)
        {
            case ("request", "opening"):
                if (element.TryGetProperty("workingDays", out _) || element.TryGetProperty("time", out _))
                    throw new WorkflowDefinitionException(file, path + (element.TryGetProperty("workingDays", out _) ? ".workingDays" : ".time"),
                        "the request goes out at the period's opening: it takes no workingDays or time");
                workingDays = 0;
                break;
            case ("request", _):
                throw new WorkflowDefinitionException(file, path + ".at", "the request goes out at the period's opening: use \"at\": \"opening\"");
            case (_, "opening"):
                throw new WorkflowDefinitionException(file, path + ".at", $"a {send} step is timed from the deadline: use \"at\": \"deadline\"");
            case ("reminder", _):
                workingDays = WorkingDays(element, path, file, -30, 0);
                break;
            default:
                workingDays = WorkingDays(element, path, file, 1, 60);
                break;
        }
        return new NotifyStep(send, at, workingDays, time, group);
    }

    /// <summary>The working days of a deadline step: the schema bounds them to -30..60; each kind of message to a part of that.</summary>
    private static int WorkingDays(JsonElement element, string path, string file, int min, int max)
    {
        if (!element.TryGetProperty("workingDays", out var value))
            throw new WorkflowDefinitionException(file, path + ".workingDays", "a whole number is required");
        var number = value.GetInt32();
        return number >= min && number <= max
            ? number
            : throw new WorkflowDefinitionException(file, path + ".workingDays", $"must be between {min} and {max}");
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

    /// <summary>A string property, trimmed; null when absent (the schema has checked its type).</summary>
    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetString()!.Trim() : null;

    private static bool Bool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.GetBoolean();
}
