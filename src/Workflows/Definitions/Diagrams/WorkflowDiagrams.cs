using Dapper;
using Npgsql;
using Workflows.Kernel;

namespace Workflows.Definitions.Diagrams;

/// <summary>
/// The diagrams of the workflow definitions and of each plan's progress (SVG drawn by <see cref="GraphvizRenderer"/>),
/// shared by the API (<c>GET /api/definitions/{id}/diagram.svg</c>, <c>GET /api/plans/{id}/diagram.svg</c>) and the
/// pages (the admin definitions page, the plan page).
/// </summary>
internal sealed class WorkflowDiagrams(NpgsqlDataSource dataSource, WorkflowDefinitionCatalog catalog, GraphvizRenderer renderer, Organisation.RoleCatalog roles)
{
    /// <summary>The definition a plan not yet submitted will start (its drafter may name another when submitting).</summary>
    public const string DefaultDefinition = "plan-approval";

    /// <summary>
    /// The SVG of definition <paramref name="id"/>: its current version, or the stored version <paramref name="version"/>.
    /// </summary>
    /// <exception cref="WorkflowException">No such definition, or no such stored version (404, in Vietnamese).</exception>
    public async Task<string> DefinitionAsync(string id, int? version, CancellationToken cancellationToken)
    {
        var definition = await FindAsync(id, version, cancellationToken);
        return await renderer.RenderAsync(DotWriter.Write(definition, DiagramMarks.None, $"qt-{definition.Id}-{definition.Version}", roles.NameOf), cancellationToken);
    }

    /// <summary>
    /// The SVG of plan <paramref name="planId"/>'s workflow: the definition version its latest instance runs, with the steps
    /// done, the transitions taken and the current step marked; before the first submission, <see cref="DefaultDefinition"/>
    /// with the first step current.
    /// </summary>
    /// <exception cref="WorkflowException">No such plan (404); a plan of another body (403).</exception>
    public async Task<string> PlanAsync(Guid planId, Actor actor, CancellationToken cancellationToken)
    {
        var (definition, marks) = await PlanMarksAsync(planId, actor, cancellationToken);
        return await renderer.RenderAsync(DotWriter.Write(definition, marks, "kh", roles.NameOf), cancellationToken);
    }

    /// <summary>The definition of a plan's latest instance and what its diagram marks (see <see cref="PlanAsync"/>).</summary>
    /// <exception cref="WorkflowException">No such plan (404); a plan of another body (403).</exception>
    internal async Task<(WorkflowDefinition Definition, DiagramMarks Marks)> PlanMarksAsync(Guid planId, Actor actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var plan = await connection.QuerySingleOrDefaultAsync<(string BodyCode, Guid? InstanceId, string? DefinitionId, int? Version, string? CurrentStep, string? Status)?>(
            new CommandDefinition(
                """
                SELECT p.body_code, i.id, i.definition_id, i.definition_version, i.current_step, i.status
                FROM plans p
                LEFT JOIN LATERAL (SELECT * FROM workflow_instances w WHERE w.plan_id = p.id ORDER BY w.started_at DESC LIMIT 1) i ON true
                WHERE p.id = @planId
                """, new { planId }, cancellationToken: cancellationToken))
            ?? throw new WorkflowException(ErrorKind.NotFound, "Kế hoạch không tồn tại.");
        if (plan.BodyCode != actor.BodyCode) throw new WorkflowException(ErrorKind.Forbidden, "Kế hoạch thuộc cơ quan khác.");
        if (plan.InstanceId is not { } instanceId)
        {
            var first = catalog.Latest(DefaultDefinition);
            return (first, new DiagramMarks(new HashSet<string>(), new HashSet<(string, string)>(), new HashSet<string> { first.Start }));
        }
        var definition = await catalog.GetAsync(plan.DefinitionId!, plan.Version!.Value, cancellationToken);
        var tasks = await connection.QueryAsync<(string Step, string Status, string? Outcome, string? Branch)>(new CommandDefinition(
            "SELECT step, status, outcome, branch FROM human_tasks WHERE instance_id = @instanceId ORDER BY created_at, completed_at NULLS LAST",
            new { instanceId }, cancellationToken: cancellationToken));
        // The engine's own transitions that no task records: a parallel step's join and a decision's choice.
        var moves = await connection.QueryAsync<(string Action, string Step, string Next)>(new CommandDefinition(
            """
            SELECT action, data->>'step', coalesce(data->>'outcome', data->>'next') FROM audit_log
            WHERE instance_id = @instanceId AND action IN ('parallel.joined', 'decision.taken') ORDER BY seq
            """, new { instanceId }, cancellationToken: cancellationToken));
        return (definition, Marks(definition, tasks.AsList(), plan.Status == "running" ? plan.CurrentStep : null, moves.AsList()));
    }

    /// <summary>
    /// The marks of an instance of <paramref name="definition"/> from its human tasks in creation order: each completed
    /// task's step is done and its outcome's transition taken, followed through the automatic steps after it; each open
    /// task's step is current. The first step counts as done (its submission opens no task) when the first task is not its own.
    /// </summary>
    /// <param name="definition">The instance's definition version.</param>
    /// <param name="tasks">Its human tasks in creation order: step, status, outcome, and the branch of a parallel step's task.</param>
    /// <param name="runningStep">The instance's current step while it runs; null once it ended.</param>
    /// <param name="moves">Its parallel joins (<c>parallel.joined</c>: the step and its outcome) and decisions (<c>decision.taken</c>: the step and the next step), in order.</param>
    internal static DiagramMarks Marks(WorkflowDefinition definition, IReadOnlyList<(string Step, string Status, string? Outcome, string? Branch)> tasks,
        string? runningStep, IReadOnlyList<(string Action, string Step, string Next)>? moves = null)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var taken = new HashSet<(string, string)>();
        var current = new HashSet<string>(StringComparer.Ordinal);
        var start = definition.Step(definition.Start);
        if (tasks.Count == 0 || tasks[0].Step != definition.Start)
        {
            done.Add(start.Id);
            if (start.Kind == StepKind.HumanTask && start.Outcomes.Count > 0)
            {
                var submit = start.Outcomes.TryGetValue("submit", out var s) ? s : start.Outcomes.Values.First();
                taken.Add((start.Id, submit.Name));
                Follow(submit.Next);
            }
            else Follow(start.Id);
        }
        foreach (var task in tasks)
        {
            if (!definition.Steps.TryGetValue(task.Step, out var step)) continue;
            if (task.Branch is { } branch)
            {
                var key = $"{step.Id}/{branch}";
                if (task.Status == "open") current.Add(key);
                else if (task.Status == "completed")
                {
                    done.Add(key);
                    if (task.Outcome is { } answer) taken.Add((key, answer));
                }
                continue;
            }
            if (task.Status == "open")
            {
                current.Add(step.Id);
                continue;
            }
            done.Add(step.Id);
            if (task.Outcome is { } name && step.Outcomes.TryGetValue(name, out var outcome))
            {
                taken.Add((step.Id, name));
                Follow(outcome.Next);
            }
        }
        foreach (var move in moves ?? [])
        {
            if (!definition.Steps.TryGetValue(move.Step, out var step)) continue;
            done.Add(step.Id);
            if (move.Action == "decision.taken")
            {
                taken.Add((step.Id, DiagramMarks.Case(move.Next)));
                Follow(move.Next);
            }
            else if (step.Outcomes.TryGetValue(move.Next, out var outcome))
            {
                taken.Add((step.Id, outcome.Name));
                Follow(outcome.Next);
            }
        }
        // A parallel step waits while one of its branches is open.
        foreach (var key in current.Where(k => k.Contains('/')).ToList()) current.Add(key[..key.IndexOf('/')]);
        if (current.Count == 0 && runningStep is not null && definition.Steps.ContainsKey(runningStep)) current.Add(runningStep);
        done.ExceptWith(current);
        return new DiagramMarks(done, taken, current);

        void Follow(string stepId)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (definition.Steps.TryGetValue(stepId, out var step) && seen.Add(stepId))
            {
                if (step.Kind == StepKind.End) done.Add(step.Id);
                if (step.Kind != StepKind.Action || step.Next is null) return;
                done.Add(step.Id);
                taken.Add((step.Id, DiagramMarks.Next));
                stepId = step.Next;
            }
        }
    }

    private async Task<WorkflowDefinition> FindAsync(string id, int? version, CancellationToken cancellationToken)
    {
        var latest = catalog.Current.FirstOrDefault(d => d.Id == id);
        if (version is null) return latest ?? throw new WorkflowException(ErrorKind.NotFound, $"Không có quy trình '{id}'.");
        if (latest is not null && latest.Version == version) return latest;
        var missing = new WorkflowException(ErrorKind.NotFound, $"Không có phiên bản {version} của quy trình '{id}'.");
        if (version <= 0) throw missing;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var stored = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM workflow_definitions WHERE id = @id AND version = @version)", new { id, version }, cancellationToken: cancellationToken));
        if (!stored) throw missing;
        return await catalog.GetAsync(id, version.Value, cancellationToken);
    }
}
