using System.Globalization;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Storage;

namespace Workflows.Delegation;

/// <summary>
/// The delegations (table <c>delegations</c>) as the engine asks about them when a task is seen, claimed or completed
/// and as the mail asks about them when it is written (<see cref="ITaskDelegation"/>). Both are rows of one rule,
/// <see cref="TaskActingRule"/>: whoever the mail about a task reaches as someone's delegate is who may act on it for them,
/// at the same instant, and nobody else.
/// </summary>
internal sealed class TaskDelegation : ITaskDelegation
{
    /// <summary>The delegations of <c>@UserName</c> that reach task <c>t</c> on <c>@today</c> at <c>@now</c> (rows of <see cref="TaskActingRule.ActingFor"/>).</summary>
    private static readonly string Acting = TaskActingRule.ActingFor("@UserName", "@today", "@now");

    /// <summary>
    /// A shortcut, not a rule: <c>@UserName</c> is the delegate of a delegation in force for task <c>t</c>'s body and
    /// definition (one index probe), without which the rule gives them nothing, so the rule is evaluated only then.
    /// </summary>
    private static readonly string MayBeActing =
        $"EXISTS (SELECT 1 FROM delegations x WHERE x.delegate = @UserName AND x.body_code = t.body_code AND {DelegationInForce.Sql("x", "@today", "i.definition_id")})";

    public string ActingForSql => $"CASE WHEN {MayBeActing} THEN (SELECT a.on_behalf_of FROM ({Acting}) a LIMIT 1) END";

    public string GrantSql =>
        $"""
        CASE WHEN {MayBeActing} THEN
        (SELECT json_build_object('onBehalfOf', a.on_behalf_of, 'onBehalfOfName', a.on_behalf_of_name, 'delegationId', a.delegation_id,
                                  'startsOn', a.starts_on, 'endsOn', a.ends_on, 'reference', a.reference)::text
         FROM ({Acting}) a LIMIT 1) END
        """;

    public string RecipientsSql(TaskAudience audience, Func<object?, string> parameter) => TaskActingRule.Build(audience, parameter);

    public string RecipientsOfTasksSql(string tasks, string today, string now, Func<object?, string> parameter) =>
        TaskActingRule.ForTasks(tasks, today, now, parameter);

    public Task<IReadOnlyList<TaskRecipient>> RecipientsAsync(UnitOfWork work, TaskAudience audience, CancellationToken cancellationToken)
    {
        var values = new List<object?>();
        var sql = TaskActingRule.Build(audience, value =>
        {
            values.Add(value);
            return "$" + values.Count.ToString(CultureInfo.InvariantCulture);
        });
        return work.ReadAsync(BatchStatement.Create($"""SELECT * FROM ({sql}) r ORDER BY r.full_name COLLATE "C", r.user_name""", [.. values]),
            reader => new TaskRecipient(
                new WorkflowUserInfo(reader.GetString(0), reader.GetString(1), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(2) || string.IsNullOrWhiteSpace(reader.GetString(2)) ? null : reader.GetString(2)),
                reader.IsDBNull(7) ? null : new TaskDelegationGrant(reader.GetString(5), reader.GetString(6), reader.GetGuid(7),
                    reader.GetFieldValue<DateOnly>(8), reader.GetFieldValue<DateOnly>(9), reader.IsDBNull(10) ? null : reader.GetString(10)),
                reader.IsDBNull(11) ? null : reader.GetString(11)),
            cancellationToken);
    }

    public string IsDelegateSql => $"EXISTS (SELECT 1 FROM delegations x WHERE x.delegate = @UserName AND {DelegationInForce.OnDate("x", "@today")})";

    public Task<TaskDelegationGrant?> ActingForAsync(UnitOfWork work, Guid taskId, string userName, DateTimeOffset now, CancellationToken cancellationToken) =>
        work.QuerySingleOrDefaultAsync<TaskDelegationGrant?>(
            $"""
            SELECT a.on_behalf_of AS "OnBehalfOf", a.on_behalf_of_name AS "OnBehalfOfName", a.delegation_id AS "DelegationId",
                   a.starts_on AS "StartsOn", a.ends_on AS "EndsOn", a.reference AS "Reference"
            FROM human_tasks t JOIN workflow_instances i ON i.id = t.instance_id
            JOIN LATERAL ({Acting}) a ON true
            WHERE t.id = @taskId AND t.status = 'open'
            LIMIT 1
            """, new { taskId, UserName = userName, today = VietnamTime.ToVietnamDate(now), now }, cancellationToken);
}
