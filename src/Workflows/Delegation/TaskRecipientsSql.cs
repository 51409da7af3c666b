using Workflows.Engine;
using Workflows.Kernel;

namespace Workflows.Delegation;

/// <summary>
/// Whom a message about a task reaches at an instant (<see cref="ITaskDelegation.RecipientsSql"/>), the mail side of
/// <see cref="TaskDelegation"/>'s rule, decided on the Vietnam date of <see cref="TaskAudience.Now"/>:
/// <list type="bullet">
/// <item>a task of a role's queue (or the role an escalation notifies): its active holders in the body; when every one of
/// them is away under a delegation covering the definition, their delegates instead (one message per delegate, naming
/// the holder and the delegation) and none to the absent holders, who may not be reading their mail and whose delegate
/// acts for them;</item>
/// <item>a task held by one person not away: that person; away under a delegation covering the definition (it started
/// after the task arrived): their delegate;</item>
/// <item>a task a delegate holds for an absent person: the delegate while that delegation is in force, the absent person
/// once it has ended or was cancelled (the task comes back to them).</item>
/// </list>
/// A delegation in force: of the body, not cancelled, its first day ≤ that date ≤ its last day, covering every definition
/// or the task's; the latest recorded wins when a person has two.
/// </summary>
internal static class TaskRecipientsSql
{
    /// <summary>The columns of the rule's rows, in order.</summary>
    private static readonly string[] Columns =
        ["user_name", "full_name", "email", "title", "body_code", "on_behalf_of", "on_behalf_of_name", "delegation_id", "starts_on", "ends_on", "reference", "delegate_line"];

    /// <summary>The delegate's sentence, in four parts around the absent person's name, the reference and the last day.</summary>
    private const string LineStart = "Bạn nhận thư này với tư cách người được ủy quyền của ";
    private const string LineReference = " theo ";
    private const string LineEnd = ", đến hết ngày ";
    private const string LineStop = ".\n";

    /// <summary>The rule for <paramref name="audience"/>, its values bound through <paramref name="value"/>: only the part it needs (one person or a role's holders).</summary>
    public static string Build(TaskAudience audience, Func<object?, string> value)
    {
        var body = value(audience.BodyCode);
        var definition = value(audience.DefinitionId);
        var today = value(VietnamTime.ToVietnamDate(audience.Now));
        if (audience.Assignee is not { } assignee)
            return new Rule(body, definition, today, value(audience.Now), value).Holders(value(audience.Role.ToUpperInvariant()));
        // The person the task is for: the absent person a delegate holds it for, else its holder (the instant is not needed).
        var giver = audience.OnBehalfOf ?? assignee;
        return new Rule(body, definition, today, "NULL", value)
            .Held(value(giver), value(giver.ToUpperInvariant()), audience.OnBehalfOf is null ? "true" : $"d.delegate = {value(assignee)}");
    }

    /// <summary>
    /// The rule over a set of tasks: <paramref name="tasks"/> names a relation (e.g. a CTE) with the columns <c>id</c>,
    /// <c>assignee</c>, <c>on_behalf_of</c>, <c>role</c>, <c>body_code</c> and <c>definition_id</c>; on the Vietnam date
    /// <paramref name="today"/> at the instant <paramref name="now"/> (SQL expressions). One row per task and person,
    /// <c>task_id</c> first; a role's queue is decided once per body, role and definition, not once per task. The constant
    /// texts are bound through <paramref name="value"/>.
    /// </summary>
    public static string ForTasks(string tasks, string today, string now, Func<object?, string> value)
    {
        var held = new Rule("t.body_code", "t.definition_id", today, now, value);
        var queued = new Rule("q.body_code", "q.definition_id", today, now, value);
        return $"""
            SELECT t.id AS task_id, r.* FROM {tasks} t
            CROSS JOIN LATERAL ({held.Held("coalesce(t.on_behalf_of, t.assignee)", "upper(coalesce(t.on_behalf_of, t.assignee))",
                "(t.on_behalf_of IS NULL OR d.delegate = t.assignee)")}) r
            WHERE t.assignee IS NOT NULL
            UNION ALL
            (WITH queues AS MATERIALIZED (
                SELECT q.body_code AS queue_body, q.role AS queue_role, q.definition_id AS queue_definition, r.*
                FROM (SELECT DISTINCT body_code, role, definition_id FROM {tasks} WHERE assignee IS NULL) q
                CROSS JOIN LATERAL ({queued.Holders("upper(q.role)")}) r)
             SELECT t.id, {string.Join(", ", Columns.Select(c => "r." + c))}
             FROM queues r
             JOIN {tasks} t ON t.assignee IS NULL AND t.body_code = r.queue_body AND t.role = r.queue_role AND t.definition_id = r.queue_definition)
            """;
    }

    /// <summary>The two forms of the rule over SQL expressions for the body, the definition, the Vietnam date and the instant.</summary>
    private sealed class Rule(string body, string definition, string today, string now, Func<object?, string> value)
    {
        private string InForce(string d) =>
            $"""
            {d}.body_code = {body} AND {DelegationInForce.Sql(d, today, definition)}
            """;

        private string Line(string name, string reference, string endsOn) =>
            $"{value(LineStart)} || {name} || coalesce({value(LineReference)} || {reference}, '') || {value(LineEnd)} || to_char({endsOn}, 'DD/MM/YYYY') || {value(LineStop)}";

        /// <summary>A task held by one person: <paramref name="giver"/> (normalised <paramref name="giverKey"/>), or their delegate under a delegation meeting <paramref name="delegation"/>.</summary>
        public string Held(string giver, string giverKey, string delegation) =>
            $"""
            SELECT u."UserName" AS user_name, u."FullName" AS full_name, u."Email" AS email, u."Title" AS title, u."BodyCode" AS body_code,
                   d.user_name AS on_behalf_of, coalesce(g."FullName", d.user_name) AS on_behalf_of_name, d.id AS delegation_id,
                   d.starts_on, d.ends_on, d.reference,
                   CASE WHEN d.id IS NOT NULL THEN {Line("coalesce(g.\"FullName\", d.user_name)", "d.reference", "d.ends_on")} END AS delegate_line
            FROM (SELECT 1) AS one
            LEFT JOIN LATERAL (
                SELECT d.id, d.user_name, d.delegate, d.starts_on, d.ends_on, d.reference FROM delegations d
                WHERE d.user_name = {giver} AND {InForce("d")} AND {delegation}
                ORDER BY d.created_at DESC LIMIT 1) d ON true
            LEFT JOIN "AspNetUsers" g ON d.id IS NOT NULL AND g."NormalizedUserName" = {giverKey}
            JOIN "AspNetUsers" u ON u."NormalizedUserName" = coalesce(upper(d.delegate), {giverKey})
            """;

        /// <summary>A task of the queue of the role <paramref name="role"/> (its normalised name): its active holders, or all their delegates when every one is away.</summary>
        public string Holders(string role) =>
            $"""
            WITH holders AS (
                SELECT u."UserName" AS user_name, u."FullName" AS full_name, u."Email" AS email, u."Title" AS title, u."BodyCode" AS body_code,
                       a.id AS delegation_id, a.delegate, a.starts_on, a.ends_on, a.reference
                FROM "AspNetUsers" u
                JOIN "AspNetUserRoles" ur ON ur."UserId" = u."Id"
                JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
                LEFT JOIN LATERAL (
                    SELECT d.id, d.delegate, d.starts_on, d.ends_on, d.reference FROM delegations d
                    WHERE d.user_name = u."UserName" AND {InForce("d")}
                    ORDER BY d.created_at DESC LIMIT 1) a ON true
                WHERE r."NormalizedName" = {role} AND u."BodyCode" = {body}
                  AND (u."LockoutEnd" IS NULL OR u."LockoutEnd" <= {now})
            )
            SELECT h.user_name, h.full_name, h.email, h.title, h.body_code,
                   NULL::text AS on_behalf_of, NULL::text AS on_behalf_of_name, NULL::uuid AS delegation_id,
                   NULL::date AS starts_on, NULL::date AS ends_on, NULL::text AS reference, NULL::text AS delegate_line
            FROM holders h
            WHERE EXISTS (SELECT 1 FROM holders x WHERE x.delegation_id IS NULL)
            UNION ALL
            (SELECT DISTINCT ON (u."UserName") u."UserName", u."FullName", u."Email", u."Title", u."BodyCode",
                    h.user_name, h.full_name, h.delegation_id, h.starts_on, h.ends_on, h.reference,
                    {Line("h.full_name", "h.reference", "h.ends_on")}
             FROM holders h
             JOIN "AspNetUsers" u ON u."NormalizedUserName" = upper(h.delegate)
             WHERE NOT EXISTS (SELECT 1 FROM holders x WHERE x.delegation_id IS NULL)
               AND (u."LockoutEnd" IS NULL OR u."LockoutEnd" <= {now})
             ORDER BY u."UserName", h.full_name)
            """;
    }
}
