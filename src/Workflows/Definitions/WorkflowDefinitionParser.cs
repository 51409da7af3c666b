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
    private readonly IReadOnlySet<string> _actions;
    private readonly IReadOnlySet<string> _roles;

    /// <summary>Creates a parser that accepts the given automatic action names and role codes (by default the five of <see cref="Kernel.Roles.All"/>).</summary>
    public WorkflowDefinitionParser(IEnumerable<string> actionNames, IEnumerable<string>? roleCodes = null)
    {
        _actions = new HashSet<string>(actionNames, StringComparer.Ordinal);
        _roles = new HashSet<string>(roleCodes ?? Kernel.Roles.All, StringComparer.Ordinal);
    }

    /// <summary>The role codes a human task may name (the installation's roles).</summary>
    public IReadOnlySet<string> Roles => _roles;

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
                throw new WorkflowDefinitionException(file, $"{paths[step.Id]}.{(step.Kind == StepKind.Decision ? "otherwise" : "next")}", $"no step has the id '{step.Next}'");
            for (var i = 0; i < step.Cases.Count; i++)
            {
                if (!steps.ContainsKey(step.Cases[i].Next))
                    throw new WorkflowDefinitionException(file, $"{paths[step.Id]}.cases[{i}].next", $"no step has the id '{step.Cases[i].Next}'");
            }
        }
        CheckGraph(steps, paths, start, file);
        if (definitionKind == WorkflowDefinition.ReportSubmissionKind) CheckReportSubmission(steps, paths, start, file);
        var supervisors = new List<string>();
        if (root.TryGetProperty("supervisors", out var supervisorList))
        {
            var i = 0;
            foreach (var supervisor in supervisorList.EnumerateArray())
            {
                CheckRole(supervisor.GetString(), $"$.supervisors[{i++}]", file);
                supervisors.Add(supervisor.GetString()!);
            }
        }
        return new WorkflowDefinition(id, version, name, start, steps, json) { Kind = definitionKind, Supervisors = supervisors };
    }

    private StepDefinition ReadStep(JsonElement element, string path, string file)
    {
        var id = String(element, "id")!;
        var kind = String(element, "kind") switch
        {
            "humanTask" => StepKind.HumanTask,
            "action" => StepKind.Action,
            "notify" => StepKind.Notify,
            "parallel" => StepKind.Parallel,
            "decision" => StepKind.Decision,
            _ => StepKind.End,
        };
        var name = String(element, "name") ?? id;
        var outcomes = new Dictionary<string, OutcomeDefinition>(StringComparer.Ordinal);
        if (kind is StepKind.HumanTask or StepKind.Parallel)
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
        CheckRole(role, path + ".role", file);
        var action = String(element, "action");
        if (action is not null && !_actions.Contains(action))
            throw new WorkflowDefinitionException(file, path + ".action", $"'{action}' is not one of the actions this Host knows: {string.Join(", ", _actions.Order())}");
        return new StepDefinition(id, kind, name, role, String(element, "status"),
            element.TryGetProperty("dueInWorkingDays", out var due) ? due.GetInt32() : 0, Bool(element, "signing"), outcomes,
            action, kind == StepKind.Decision ? String(element, "otherwise") : String(element, "next"))
        {
            Notify = kind == StepKind.Notify ? ReadNotify(element, path, file) : null,
            Assignment = String(element, "assignment") == "chosenByPrevious" ? AssignmentMode.ChosenByPrevious : AssignmentMode.Queue,
            Reminders = element.TryGetProperty("reminders", out var reminders)
                ? [.. reminders.EnumerateArray().Select(r => r.GetProperty("afterWorkingDays").GetInt32())] : [],
            Escalation = !element.TryGetProperty("escalation", out var escalation) ? null
                : kind == StepKind.Parallel ? ReadBranchEscalation(escalation, path + ".escalation", null, file)
                : ReadEscalation(escalation, path + ".escalation", outcomes, file),
            Branches = kind == StepKind.Parallel ? ReadBranches(element, path, file) : [],
            Join = kind == StepKind.Parallel ? ReadJoin(element, path, file) : null,
            Cases = kind == StepKind.Decision ? ReadCases(element, path, file) : [],
        };
    }

    private TaskEscalation ReadEscalation(JsonElement element, string path, Dictionary<string, OutcomeDefinition> outcomes, string file)
    {
        var escalation = new TaskEscalation(element.GetProperty("afterWorkingDays").GetInt32(), String(element, "notify"), String(element, "reassignTo"), String(element, "outcome"));
        CheckRole(escalation.Notify, path + ".notify", file);
        CheckRole(escalation.ReassignTo, path + ".reassignTo", file);
        if (escalation.Outcome is not null && !outcomes.ContainsKey(escalation.Outcome))
            throw new WorkflowDefinitionException(file, path + ".outcome", $"'{escalation.Outcome}' is not one of the step's outcomes ({string.Join(", ", outcomes.Keys)})");
        if (escalation.Outcome is not null && outcomes[escalation.Outcome].RequiresComment)
            throw new WorkflowDefinitionException(file, path + ".outcome", $"the outcome '{escalation.Outcome}' requires a comment, which nobody writes when it is taken by itself");
        return escalation;
    }

    /// <summary>
    /// A branch's escalation (or the parallel step's, for every branch: <paramref name="branchRole"/> null): the schema has
    /// checked its shape and that an outcome is <c>agree</c> or <c>return</c>; here its roles must be the installation's,
    /// and a branch is not moved to the queue it is already in.
    /// </summary>
    private TaskEscalation ReadBranchEscalation(JsonElement element, string path, string? branchRole, string file)
    {
        var escalation = new TaskEscalation(element.GetProperty("afterWorkingDays").GetInt32(), String(element, "notify"), String(element, "reassignTo"), String(element, "outcome"));
        CheckRole(escalation.Notify, path + ".notify", file);
        CheckRole(escalation.ReassignTo, path + ".reassignTo", file);
        if (branchRole is not null && escalation.ReassignTo == branchRole)
            throw new WorkflowDefinitionException(file, path + ".reassignTo", $"the branch is already in the queue of '{branchRole}'; name another role");
        return escalation;
    }

    private List<ParallelBranch> ReadBranches(JsonElement element, string path, string file)
    {
        var branches = new List<ParallelBranch>();
        var i = 0;
        foreach (var branch in element.GetProperty("branches").EnumerateArray())
        {
            var branchPath = $"{path}.branches[{i++}]";
            var id = String(branch, "id")!;
            if (branches.Any(b => b.Id == id)) throw new WorkflowDefinitionException(file, branchPath + ".id", $"branch id '{id}' is used twice");
            var role = String(branch, "role")!;
            CheckRole(role, branchPath + ".role", file);
            branches.Add(new ParallelBranch(id, String(branch, "name") ?? id, role)
            {
                Escalation = branch.TryGetProperty("escalation", out var escalation) ? ReadBranchEscalation(escalation, branchPath + ".escalation", role, file) : null,
            });
        }
        if (element.TryGetProperty("escalation", out var stepEscalation) && String(stepEscalation, "reassignTo") is { } target
            && branches.FirstOrDefault(b => b.Escalation is null && b.Role == target) is { } same)
            throw new WorkflowDefinitionException(file, path + ".escalation.reassignTo",
                $"branch '{same.Id}' is already in the queue of '{target}'; give it an escalation of its own or name another role");
        foreach (var outcome in new[] { ParallelJoin.Agreed, ParallelJoin.Returned })
        {
            if (!element.GetProperty("outcomes").TryGetProperty(outcome, out _))
                throw new WorkflowDefinitionException(file, path + ".outcomes", $"a parallel step needs the outcomes '{ParallelJoin.Agreed}' and '{ParallelJoin.Returned}'; '{outcome}' is missing");
        }
        return branches;
    }

    private static ParallelJoin ReadJoin(JsonElement element, string path, string file)
    {
        var count = element.GetProperty("branches").GetArrayLength();
        var needed = element.TryGetProperty("join", out var join)
            ? join.ValueKind == JsonValueKind.String ? (join.GetString() == "any" ? 1 : count) : join.GetProperty("atLeast").GetInt32()
            : count;
        if (needed > count)
            throw new WorkflowDefinitionException(file, path + ".join.atLeast", $"{needed} agreements are needed but the step has {count} branches");
        return new ParallelJoin(needed, String(element, "onReturn") == "returnAtOnce");
    }

    private static List<DecisionCase> ReadCases(JsonElement element, string path, string file)
    {
        var cases = new List<DecisionCase>();
        var i = 0;
        foreach (var item in element.GetProperty("cases").EnumerateArray())
        {
            var casePath = $"{path}.cases[{i++}]";
            var when = String(item, "when")!;
            if (DecisionExpressions.Check(when) is { } problem) throw new WorkflowDefinitionException(file, casePath + ".when", problem);
            cases.Add(new DecisionCase(when, String(item, "next")!));
        }
        return cases;
    }

    /// <summary>Refuses a role code the installation does not define (<see cref="Organisation.RoleCatalog"/>).</summary>
    private void CheckRole(string? role, string path, string file)
    {
        if (role is not null && !_roles.Contains(role))
            throw new WorkflowDefinitionException(file, path, $"'{role}' is not a role of this installation (one of {string.Join(", ", _roles)}; add it under Workflows:Roles)");
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
            foreach (var decisionCase in step.Cases) queue.Enqueue(decisionCase.Next);
            if (step.Next is not null) queue.Enqueue(step.Next);
        }
        var unreachable = steps.Keys.FirstOrDefault(id => !reached.Contains(id));
        if (unreachable is not null)
            throw new WorkflowDefinitionException(file, paths[unreachable], $"step '{unreachable}' cannot be reached from the start step '{start}'");
        if (!steps.Values.Any(s => s.Kind == StepKind.End))
            throw new WorkflowDefinitionException(file, "$.steps", "at least one end step is required");
        foreach (var step in steps.Values.Where(s => s.Kind is StepKind.Action or StepKind.Decision))
        {
            if (AutomaticLoop(steps, step.Id, [])) 
                throw new WorkflowDefinitionException(file, paths[step.Id] + (step.Kind == StepKind.Action ? ".next" : ".cases"),
                    "automatic steps (actions, decisions) form a loop with no human task or end step");
        }
    }

    /// <summary>True when the automatic steps (actions, decisions) from <paramref name="id"/> can come back to one already on the path.</summary>
    private static bool AutomaticLoop(Dictionary<string, StepDefinition> steps, string id, HashSet<string> path)
    {
        var step = steps[id];
        if (step.Kind is not (StepKind.Action or StepKind.Decision)) return false;
        if (!path.Add(id)) return true;
        var next = step.Cases.Select(c => c.Next).Append(step.Next!);
        var loop = next.Any(n => AutomaticLoop(steps, n, path));
        path.Remove(id);
        return loop;
    }

    /// <summary>A string property, trimmed; null when absent (the schema has checked its type).</summary>
    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetString()!.Trim() : null;

    private static bool Bool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.GetBoolean();
}
