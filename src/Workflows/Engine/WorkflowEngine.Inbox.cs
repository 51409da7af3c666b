using System.Text.Json;
using Dapper;
using Workflows.Kernel;

namespace Workflows.Engine;

// The inbox: the open tasks a person sees, whole (OpenTasksAsync) or searched and paged in PostgreSQL (SearchTasksAsync).
public sealed partial class WorkflowEngine
{
    private const string InboxColumns =
        """
        t.id, t.plan_id, p.subject, t.step, t.role, t.revision, t.created_at, t.due_at, i.definition_id, i.definition_version,
        t.assignee, t.on_behalf_of, t.branch
        """;

    private const string InboxFrom = "human_tasks t JOIN plans p ON p.id = t.plan_id JOIN workflow_instances i ON i.id = t.instance_id";

    /// <summary>
    /// Which open tasks a person sees: of their body, either of one of their roles (held by them, in the queue, claimed by
    /// someone and shown taken, or held by their delegate for them) or one they act on as someone's delegate
    /// (<see cref="ITaskDelegation"/>, decided now, not when the task opened). Parameters <c>@BodyCode</c>, <c>@roles</c>,
    /// <c>@UserName</c>, <c>@today</c> (Vietnam date), <c>@now</c> (the instant of the request, UTC: lockout is decided at it).
    /// </summary>
    private static string Visible(ITaskDelegation? delegation) =>
        $"""
        t.status = 'open' AND t.body_code = @BodyCode
          AND ((t.role = ANY(@roles) AND (t.assignee IS NULL OR t.assignee = @UserName OR t.claimed_at IS NOT NULL OR t.on_behalf_of = @UserName))
               {(delegation is null ? "" : $"OR ({delegation.IsDelegateSql} AND {delegation.ActingForSql} IS NOT NULL)")})
        """;

    /// <summary>
    /// One page of the open tasks of <paramref name="actor"/> (the same tasks as <see cref="OpenTasksAsync"/>) matching
    /// <paramref name="search"/>, with the total, the overdue count and the count per step of all their open tasks; the
    /// search, the filters, the order and the page are applied by PostgreSQL (three statements on one connection), so the
    /// cost does not grow with the number of open tasks beyond the counts.
    /// </summary>
    /// <exception cref="WorkflowException">An unknown order (422, field <c>sort</c>).</exception>
    public async Task<TaskPage> SearchTasksAsync(Actor actor, TaskSearch search, CancellationToken cancellationToken = default)
    {
        var order = (search.Sort ?? "han") switch
        {
            "han" or "" => "t.due_at, t.created_at, t.id",
            "moi-nhan" => "t.created_at DESC, t.id",
            "trich-yeu" => "p.subject, t.id",
            _ => throw WorkflowException.Invalid("sort", "Chọn cách sắp xếp trong danh sách."),
        };
        var now = _clock.GetUtcNow().UtcDateTime;
        var size = Math.Clamp(search.PageSize, 1, 200);
        var text = string.IsNullOrWhiteSpace(search.Text) ? null : "%" + EscapeLike(search.Text.Trim()) + "%";
        var step = string.IsNullOrWhiteSpace(search.Step) ? null : search.Step;
        var ids = search.Ids?.ToArray();
        var today = VietnamTime.ToVietnamDate(_clock.GetUtcNow());
        var parameters = new { actor.BodyCode, roles = actor.Roles.ToArray(), actor.UserName, today, now, text, step, overdue = search.Overdue, ids };
        const string Filters =
            """
            AND (@text::text IS NULL OR p.subject ILIKE @text)
            AND (@step::text IS NULL OR t.step = @step)
            AND (@overdue::boolean IS NULL OR (t.due_at <= @now) = @overdue)
            AND (@ids::uuid[] IS NULL OR t.id = ANY(@ids))
            """;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var groups = (await connection.QueryAsync<(string DefinitionId, int DefinitionVersion, string Step, string? Branch, int Count, int Overdue)>(new CommandDefinition(
            $"""
            SELECT i.definition_id, i.definition_version, t.step, t.branch, count(*)::int, count(*) FILTER (WHERE t.due_at <= @now)::int
            FROM {InboxFrom} WHERE {_inboxWhere}
            GROUP BY i.definition_id, i.definition_version, t.step, t.branch
            """, parameters, cancellationToken: cancellationToken))).AsList();
        var byStep = new List<TaskStepCount>();
        foreach (var g in groups)
        {
            var definition = await _catalog.GetAsync(g.DefinitionId, g.DefinitionVersion, cancellationToken);
            var name = TaskShape(definition.Step(g.Step), g.Branch).Name;
            var index = byStep.FindIndex(s => s.Step == g.Step && s.StepName == name);
            if (index < 0) byStep.Add(new TaskStepCount(g.Step, name, g.Count));
            else byStep[index] = byStep[index] with { Count = byStep[index].Count + g.Count };
        }
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT count(*)::int FROM {InboxFrom} WHERE {_inboxWhere} {Filters}", parameters, cancellationToken: cancellationToken));
        var pages = Math.Max(1, (total + size - 1) / size);
        var page = Math.Clamp(search.Page, 1, pages);
        var rows = await connection.QueryAsync<InboxRow>(new CommandDefinition(
            $"SELECT {_inboxColumns} FROM {InboxFrom} WHERE {_inboxWhere} {Filters} ORDER BY {order} LIMIT @size OFFSET @offset",
            new { actor.BodyCode, roles = actor.Roles.ToArray(), actor.UserName, today, now, text, step, overdue = search.Overdue, ids, size, offset = (page - 1) * size },
            cancellationToken: cancellationToken));
        var items = await ViewsAsync(actor, rows, cancellationToken);
        return new TaskPage(items, total, page, size, groups.Sum(g => g.Count), groups.Sum(g => g.Overdue), byStep);
    }

    /// <summary>
    /// True when <paramref name="actor"/> is one of the office's leaders (role Signer), who see the office's overdue tasks
    /// and reports at a glance on their inbox (<see cref="OfficeOverdueAsync"/>).
    /// </summary>
    public static bool MaySeeOfficeOverdue(Actor actor) => actor.IsIn(Roles.Signer);

    /// <summary>
    /// The office's overdue tasks at a glance for its leaders (role Signer): every open task of the actor's body whose due
    /// instant has passed, whoever holds it, counted per step, and the <paramref name="limit"/> longest overdue.
    /// </summary>
    /// <exception cref="WorkflowException">The actor is not a leader (403).</exception>
    public async Task<OfficeOverdue> OfficeOverdueAsync(Actor actor, int limit = 5, CancellationToken cancellationToken = default)
    {
        if (!MaySeeOfficeOverdue(actor)) throw WorkflowException.Forbidden("Chỉ lãnh đạo mới xem được việc quá hạn của cả cơ quan.");
        var now = _clock.GetUtcNow().UtcDateTime;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var groups = (await connection.QueryAsync<(string DefinitionId, int DefinitionVersion, string Step, string? Branch, int Count)>(new CommandDefinition(
            $"""
            SELECT i.definition_id, i.definition_version, t.step, t.branch, count(*)::int
            FROM {InboxFrom} WHERE t.status = 'open' AND t.body_code = @BodyCode AND t.due_at <= @now
            GROUP BY i.definition_id, i.definition_version, t.step, t.branch
            """, new { actor.BodyCode, now }, cancellationToken: cancellationToken))).AsList();
        var byStep = new List<TaskStepCount>();
        foreach (var g in groups)
        {
            var definition = await _catalog.GetAsync(g.DefinitionId, g.DefinitionVersion, cancellationToken);
            var name = TaskShape(definition.Step(g.Step), g.Branch).Name;
            var index = byStep.FindIndex(s => s.StepName == name);
            if (index < 0) byStep.Add(new TaskStepCount(g.Step, name, g.Count));
            else byStep[index] = byStep[index] with { Count = byStep[index].Count + g.Count };
        }
        var rows = await connection.QueryAsync<InboxRow>(new CommandDefinition(
            $"SELECT {InboxColumns} FROM {InboxFrom} WHERE t.status = 'open' AND t.body_code = @BodyCode AND t.due_at <= @now ORDER BY t.due_at, t.id LIMIT @limit",
            new { actor.BodyCode, now, limit = Math.Clamp(limit, 0, 50) }, cancellationToken: cancellationToken));
        return new OfficeOverdue(groups.Sum(g => g.Count), byStep, await ViewsAsync(actor, rows, cancellationToken));
    }

    /// <summary>The inbox rows as the person sees them: step names, outcomes, overdue, the signing forms they may use.</summary>
    private async Task<IReadOnlyList<HumanTaskView>> ViewsAsync(Actor actor, IEnumerable<InboxRow> rows, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var body = _organisation.IssuingBodies.FirstOrDefault(b => b.Code == actor.BodyCode);
        var formsByDefinition = new Dictionary<string, IReadOnlyList<SigningOption>>(StringComparer.Ordinal);
        var result = new List<HumanTaskView>();
        foreach (var row in rows)
        {
            var definition = await _catalog.GetAsync(row.DefinitionId, row.DefinitionVersion, cancellationToken);
            var step = definition.Step(row.Step);
            var due = new DateTimeOffset(row.DueAt, TimeSpan.Zero);
            var (name, outcomes) = TaskShape(step, row.Branch);
            var through = row.ActingThrough is null ? null : JsonSerializer.Deserialize<TaskDelegationGrant>(row.ActingThrough, JsonSerializerOptions.Web);
            var roleForms = _roles.SigningFormsOf(row.Role);
            if (step.Signing && body is not null && !formsByDefinition.ContainsKey(row.DefinitionId))
                formsByDefinition[row.DefinitionId] = SigningPolicy.Allowed(body, actor, VietnamTime.ToVietnamDate(now),
                    await GrantedAsync(actor, row.DefinitionId, now, cancellationToken));
            var signingForms = formsByDefinition.GetValueOrDefault(row.DefinitionId) ?? [];
            result.Add(new HumanTaskView(row.Id, row.PlanId, row.Subject, row.Step, name, row.Role, row.Revision,
                new DateTimeOffset(row.CreatedAt, TimeSpan.Zero), due, due <= now, outcomes,
                step.Signing ? [.. signingForms.Where(f => roleForms.Contains(f.Form))] : [], row.Assignee, row.OnBehalfOf ?? through?.OnBehalfOf, row.Branch,
                through));
        }
        return result;
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private sealed class InboxRow
    {
        public Guid Id { get; init; }
        public Guid PlanId { get; init; }
        public string Subject { get; init; } = "";
        public string Step { get; init; } = "";
        public string Role { get; init; } = "";
        public int Revision { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime DueAt { get; init; }
        public string DefinitionId { get; init; } = "";
        public int DefinitionVersion { get; init; }
        public string? Assignee { get; init; }
        public string? OnBehalfOf { get; init; }
        public string? Branch { get; init; }
        public string? ActingThrough { get; init; }
    }
}
