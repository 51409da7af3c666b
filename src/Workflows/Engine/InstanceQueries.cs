using Dapper;
using Npgsql;
using Workflows.Definitions;
using Workflows.Organisation;

namespace Workflows.Engine;

/// <summary>Read-only lookups of workflow instances and their tasks for the pages and the API (tables <c>workflow_instances</c>, <c>human_tasks</c>).</summary>
internal sealed class InstanceQueries(NpgsqlDataSource dataSource, WorkflowDefinitionCatalog catalog, RoleCatalog roles)
{
    /// <summary>The definition version the plan's latest workflow instance runs, or null before its first submission.</summary>
    public async Task<WorkflowDefinition?> DefinitionOfPlanAsync(Guid planId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string Id, int Version)?>(new CommandDefinition(
            "SELECT definition_id, definition_version FROM workflow_instances WHERE plan_id = @planId ORDER BY started_at DESC LIMIT 1",
            new { planId }, cancellationToken: ct));
        return row is { } r ? await catalog.GetAsync(r.Id, r.Version, ct) : null;
    }

    /// <summary>
    /// The plan's latest parallel consultation (its most recent entry into a <c>parallel</c> step); null when the plan never
    /// reached one. The caller checks that the actor may see the plan.
    /// </summary>
    public async Task<Consultation?> LatestConsultationAsync(Guid planId, CancellationToken ct) =>
        (await ConsultationsAsync(planId, ct)).FirstOrDefault();

    /// <summary>
    /// Every round of the plan's parallel consultations, newest first (one per entry into a <c>parallel</c> step: a plan
    /// returned by a consultation and submitted again is consulted again), each branch with its unit (role), who answered or
    /// holds it, the answer and the comment; empty when the plan never reached one. The caller checks that the actor may
    /// see the plan.
    /// </summary>
    public async Task<IReadOnlyList<Consultation>> ConsultationsAsync(Guid planId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<BranchRow>(new CommandDefinition(
            """
            SELECT t.activation, t.step, t.branch, t.role, t.revision, t.status, coalesce(t.completed_by, t.assignee) AS who, t.on_behalf_of,
                   t.outcome, t.comment, t.created_at, t.completed_at, i.definition_id, i.definition_version
            FROM human_tasks t JOIN workflow_instances i ON i.id = t.instance_id
            WHERE t.plan_id = @planId AND t.activation IS NOT NULL
            """, new { planId }, cancellationToken: ct))).AsList();
        var rounds = new List<Consultation>();
        foreach (var round in rows.GroupBy(r => r.activation).OrderBy(g => g.Min(r => r.created_at)))
        {
            var first = round.First();
            var definition = await catalog.GetAsync(first.definition_id, first.definition_version, ct);
            var step = definition?.Steps.GetValueOrDefault(first.step);
            var order = step?.Branches.Select((b, i) => (b.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal) ?? [];
            var branches = round
                .OrderBy(r => order.GetValueOrDefault(r.branch ?? "", int.MaxValue)).ThenBy(r => r.branch, StringComparer.Ordinal)
                .Select(r => new ConsultationBranch(
                    r.branch ?? "", step?.Branches.FirstOrDefault(b => b.Id == r.branch)?.Name ?? r.branch ?? "", r.role, roles.NameOf(r.role),
                    r.status, r.who, r.on_behalf_of, r.status == "completed" ? r.outcome : null, r.comment,
                    r.completed_at is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null))
                .ToList();
            rounds.Add(new Consultation(first.step, step?.Name ?? first.step, first.revision, step?.Join?.Needed ?? branches.Count, branches)
            {
                Round = rounds.Count + 1,
                OpenedAt = new DateTimeOffset(DateTime.SpecifyKind(round.Min(r => r.created_at), DateTimeKind.Utc)),
            });
        }
        rounds.Reverse();
        return rounds;
    }

#pragma warning disable IDE1006 // column names as Dapper maps them
    private sealed record BranchRow(
        Guid activation, string step, string? branch, string role, int revision, string status, string? who, string? on_behalf_of, string? outcome, string? comment,
        DateTime created_at, DateTime? completed_at, string definition_id, int definition_version);
#pragma warning restore IDE1006
}
