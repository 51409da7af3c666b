using System.Globalization;
using Workflows.Engine;
using Workflows.Storage;

namespace Workflows.Delegation;

/// <summary>
/// The delegations (table <c>delegations</c>) as the engine asks about them when a task is seen, claimed or completed
/// (<see cref="ITaskDelegation"/>): the one home of "who acts for an absent person on this task". A delegation holds from
/// its first to its last day (Vietnam dates), unless cancelled; it covers every definition or those it lists; it is
/// never passed on (a task already held for someone, or held by a delegate who is away, reaches nobody else through it).
/// Whom the mail about a task reaches under the same rule: <see cref="TaskRecipientsSql"/>.
/// </summary>
internal sealed class TaskDelegation : ITaskDelegation
{
    /// <summary>The delegations of <c>@UserName</c> that reach task <c>t</c> on <c>@today</c> (see <see cref="ITaskDelegation"/>).</summary>
    private static readonly string Grants =
        $"""
        FROM delegations d
        JOIN "AspNetUsers" g ON g."UserName" = d.user_name
        WHERE d.delegate = @UserName AND d.body_code = t.body_code AND {DelegationInForce.Sql("d", "@today", "i.definition_id")}
          AND ((t.assignee = d.user_name AND t.on_behalf_of IS NULL)
            OR (t.assignee = @UserName AND t.on_behalf_of = d.user_name)
            OR (t.assignee IS NULL
                AND g."BodyCode" = t.body_code AND (g."LockoutEnd" IS NULL OR g."LockoutEnd" <= now())
                AND EXISTS (SELECT 1 FROM "AspNetUserRoles" gr JOIN "AspNetRoles" r ON r."Id" = gr."RoleId"
                            WHERE gr."UserId" = g."Id" AND r."NormalizedName" = upper(t.role))
                AND NOT EXISTS (
                    SELECT 1 FROM "AspNetUsers" h
                    JOIN "AspNetUserRoles" hr ON hr."UserId" = h."Id" JOIN "AspNetRoles" r ON r."Id" = hr."RoleId"
                    WHERE r."NormalizedName" = upper(t.role) AND h."BodyCode" = t.body_code
                      AND (h."LockoutEnd" IS NULL OR h."LockoutEnd" <= now())
                      AND NOT EXISTS (
                          SELECT 1 FROM delegations a
                          WHERE a.user_name = h."UserName" AND {DelegationInForce.Sql("a", "@today", "i.definition_id")}))))
        """;

    public string ActingForSql => $"(SELECT d.user_name {Grants} ORDER BY d.created_at DESC LIMIT 1)";

    public string GrantSql =>
        $"""
        (SELECT json_build_object('onBehalfOf', d.user_name, 'onBehalfOfName', coalesce(g."FullName", d.user_name), 'delegationId', d.id,
                                  'startsOn', d.starts_on, 'endsOn', d.ends_on, 'reference', d.reference)::text
         {Grants} ORDER BY d.created_at DESC LIMIT 1)
        """;

    public string RecipientsSql(TaskAudience audience, Func<object?, string> parameter) => TaskRecipientsSql.Build(audience, parameter);

    public string RecipientsOfTasksSql(string tasks, string today, string now, Func<object?, string> parameter) =>
        TaskRecipientsSql.ForTasks(tasks, today, now, parameter);

    public Task<IReadOnlyList<TaskRecipient>> RecipientsAsync(UnitOfWork work, TaskAudience audience, CancellationToken cancellationToken)
    {
        var values = new List<object?>();
        var sql = TaskRecipientsSql.Build(audience, value =>
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

    public string IsDelegateSql =>
        "EXISTS (SELECT 1 FROM delegations x WHERE x.delegate = @UserName AND x.cancelled_at IS NULL AND x.starts_on <= @today AND x.ends_on >= @today)";

    public Task<TaskDelegationGrant?> ActingForAsync(UnitOfWork work, Guid taskId, string userName, DateOnly today, CancellationToken cancellationToken) =>
        work.QuerySingleOrDefaultAsync<TaskDelegationGrant?>(
            $"""
            SELECT x.user_name AS "OnBehalfOf", coalesce(x.full_name, x.user_name) AS "OnBehalfOfName", x.id AS "DelegationId",
                   x.starts_on AS "StartsOn", x.ends_on AS "EndsOn", x.reference AS "Reference"
            FROM human_tasks t JOIN workflow_instances i ON i.id = t.instance_id
            JOIN LATERAL (SELECT d.user_name, g."FullName" AS full_name, d.id, d.starts_on, d.ends_on, d.reference {Grants}
                          ORDER BY d.created_at DESC LIMIT 1) x ON true
            WHERE t.id = @taskId AND t.status = 'open'
            """, new { taskId, UserName = userName, today }, cancellationToken);
}
