using Workflows.Engine;
using Workflows.Kernel;

namespace Workflows.Delegation;

/// <summary>
/// The one home of "who may act on an open task at an instant, and so whom its mail reaches" (ủy quyền, Nghị định
/// 30/2020/NĐ-CP, Điều 13): the engine's grant (<see cref="ITaskDelegation.ActingForSql"/>, <see cref="ITaskDelegation.GrantSql"/>,
/// <see cref="ITaskDelegation.ActingForAsync"/>: inbox, claim, completion) and the mail's recipients
/// (<see cref="ITaskDelegation.RecipientsSql"/>, <see cref="ITaskDelegation.RecipientsOfTasksSql"/>: new-task email,
/// reminders, notify escalations, morning digest) are rows of the same SQL built here. Decided at one instant, given as a
/// parameter (the engine: the caller's clock; the mail: the instant it is written), and on its Vietnam date:
/// <list type="bullet">
/// <item>an account is active when it is not locked out at that instant; a locked-out account neither acts nor is written to;</item>
/// <item>a person is away under a delegation when it is in force on that date (<see cref="DelegationInForce"/>: of the task's
/// body, not cancelled, first day ≤ date ≤ last day, covering every definition or the task's) and its delegate is active
/// (a delegation whose delegate is locked out gives the task to nobody: the absent person keeps it, and its mail); the latest
/// recorded wins when a person has two;</item>
/// <item>a task of a role's queue (or the role an escalation notifies): its active holders in the body act and are written
/// to; when every one of them is away, their delegates instead (one row per delegate, naming the holder of the latest
/// recorded of the delegations they act through) and not the absent holders, who may not be reading their mail and whose
/// delegate acts for them;</item>
/// <item>a task held by one person: that person (when active); away: their delegate (it started after the task arrived);</item>
/// <item>a task a delegate holds for an absent person: the delegate while that delegation is in force, the absent person
/// once it has ended, was cancelled or its delegate was locked out (the task comes back to them). It is never passed on:
/// only the delegation to the holder counts.</item>
/// </list>
/// The delegate need not hold the task's role: the delegation is the authority.
/// </summary>
internal static class TaskActingRule
{
    /// <summary>The columns of the rule's rows, in order.</summary>
    private static readonly string[] Columns =
        ["user_name", "full_name", "email", "title", "body_code", "on_behalf_of", "on_behalf_of_name", "delegation_id", "starts_on", "ends_on", "reference", "delegate_line"];

    /// <summary>The delegate's sentence, in four parts around the absent person's name, the reference and the last day.</summary>
    private const string LineStart = "Bạn nhận thư này với tư cách người được ủy quyền của ";
    private const string LineReference = " theo ";
    private const string LineEnd = ", đến hết ngày ";
    private const string LineStop = ".\n";

    /// <summary>The mail's rule for <paramref name="audience"/> at its instant, its values bound through <paramref name="value"/>: only the part it needs (one person or a role's holders).</summary>
    public static string Build(TaskAudience audience, Func<object?, string> value)
    {
        var rule = new Rule(value(audience.BodyCode), value(audience.DefinitionId), value(VietnamTime.ToVietnamDate(audience.Now)), value(audience.Now), value);
        if (audience.Assignee is not { } assignee)
            return rule.Holders(value(audience.Role.ToUpperInvariant()));
        // The person the task is for: the absent person a delegate holds it for, else its holder.
        var giver = audience.OnBehalfOf ?? assignee;
        return rule.Held(value(giver), value(giver.ToUpperInvariant()), audience.OnBehalfOf is null ? "true" : $"d.delegate = {value(assignee)}");
    }

    /// <summary>
    /// The mail's rule over a set of tasks: <paramref name="tasks"/> names a relation (e.g. a CTE) with the columns <c>id</c>,
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
            CROSS JOIN LATERAL ({Held(held, "t")}) r
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

    /// <summary>
    /// The engine's form: the delegation through which the user <paramref name="user"/> acts on the task row <c>t</c>
    /// (<c>human_tasks</c>, joined to its instance <c>i</c>, <c>workflow_instances</c>) on the Vietnam date
    /// <paramref name="today"/> at the instant <paramref name="now"/> (SQL expressions): the rows of the mail's rule for that
    /// task in which the user is written to as a delegate, with the columns <c>on_behalf_of</c>, <c>on_behalf_of_name</c>,
    /// <c>delegation_id</c>, <c>starts_on</c>, <c>ends_on</c>, <c>reference</c>; at most one row.
    /// </summary>
    public static string ActingFor(string user, string today, string now)
    {
        var rule = new Rule("t.body_code", "i.definition_id", today, now, null);
        const string Grant = "r.on_behalf_of, r.on_behalf_of_name, r.delegation_id, r.starts_on, r.ends_on, r.reference";
        return $"""
            SELECT {Grant} FROM ({Held(rule, "t")}) r
            WHERE t.assignee IS NOT NULL AND r.user_name = {user} AND r.delegation_id IS NOT NULL
            UNION ALL
            SELECT {Grant} FROM ({rule.Holders("upper(t.role)")}) r
            WHERE t.assignee IS NULL AND r.user_name = {user} AND r.delegation_id IS NOT NULL
            """;
    }

    /// <summary>The held form of <paramref name="rule"/> for the task row aliased <paramref name="t"/> (its <c>assignee</c> and <c>on_behalf_of</c>).</summary>
    private static string Held(Rule rule, string t) =>
        rule.Held($"coalesce({t}.on_behalf_of, {t}.assignee)", $"upper(coalesce({t}.on_behalf_of, {t}.assignee))",
            $"({t}.on_behalf_of IS NULL OR d.delegate = {t}.assignee)");

    /// <summary>
    /// The two forms of the rule over SQL expressions for the body, the definition, the Vietnam date and the instant; the
    /// delegate's sentence is built with texts bound through <c>value</c>, or left NULL without it (the engine's form).
    /// </summary>
    private sealed class Rule(string body, string definition, string today, string now, Func<object?, string>? value)
    {
        /// <summary>The account aliased <paramref name="u"/> (<c>AspNetUsers</c>) is not locked out at the instant.</summary>
        private string Active(string u) => $"""({u}."LockoutEnd" IS NULL OR {u}."LockoutEnd" <= {now})""";

        private string Line(string name, string reference, string endsOn) => value is null ? "NULL::text" :
            $"{value(LineStart)} || {name} || coalesce({value(LineReference)} || {reference}, '') || {value(LineEnd)} || to_char({endsOn}, 'DD/MM/YYYY') || {value(LineStop)}";

        /// <summary>
        /// The delegation through which <paramref name="person"/> is away (meeting <paramref name="filter"/> on <c>d</c>), with
        /// its active delegate's account: in force in the body on the date for the definition, the latest recorded; no row when none.
        /// </summary>
        private string Away(string person, string filter) =>
            $"""
            SELECT d.id, d.user_name, d.starts_on, d.ends_on, d.reference, d.created_at,
                   e."UserName" AS delegate, e."FullName" AS delegate_name, e."Email" AS delegate_email, e."Title" AS delegate_title, e."BodyCode" AS delegate_body
            FROM delegations d
            JOIN "AspNetUsers" e ON e."NormalizedUserName" = upper(d.delegate)
            WHERE d.user_name = {person} AND d.body_code = {body} AND {DelegationInForce.Sql("d", today, definition)} AND {filter} AND {Active("e")}
            ORDER BY d.created_at DESC LIMIT 1
            """;

        /// <summary>A task held by one person: <paramref name="giver"/> (normalised <paramref name="giverKey"/>) when active, or their delegate under a delegation meeting <paramref name="delegation"/>.</summary>
        public string Held(string giver, string giverKey, string delegation)
        {
            string Pick(string delegateColumn, string giverColumn) => $"CASE WHEN a.id IS NULL THEN g.\"{giverColumn}\" ELSE a.{delegateColumn} END";
            return $"""
                SELECT {Pick("delegate", "UserName")} AS user_name, {Pick("delegate_name", "FullName")} AS full_name, {Pick("delegate_email", "Email")} AS email,
                       {Pick("delegate_title", "Title")} AS title, {Pick("delegate_body", "BodyCode")} AS body_code,
                       a.user_name AS on_behalf_of, CASE WHEN a.id IS NOT NULL THEN coalesce(g."FullName", a.user_name) END AS on_behalf_of_name,
                       a.id AS delegation_id, a.starts_on, a.ends_on, a.reference,
                       CASE WHEN a.id IS NOT NULL THEN {Line("coalesce(g.\"FullName\", a.user_name)", "a.reference", "a.ends_on")} END AS delegate_line
                FROM "AspNetUsers" g
                LEFT JOIN LATERAL ({Away(giver, delegation)}) a ON true
                WHERE g."NormalizedUserName" = {giverKey} AND (a.id IS NOT NULL OR {Active("g")})
                """;
        }

        /// <summary>A task of the queue of the role <paramref name="role"/> (its normalised name): its active holders, or all their delegates when every one is away.</summary>
        public string Holders(string role) =>
            $"""
            WITH holders AS (
                SELECT u."UserName" AS user_name, u."FullName" AS full_name, u."Email" AS email, u."Title" AS title, u."BodyCode" AS body_code,
                       a.id AS delegation_id, a.starts_on, a.ends_on, a.reference, a.created_at,
                       a.delegate, a.delegate_name, a.delegate_email, a.delegate_title, a.delegate_body
                FROM "AspNetUsers" u
                JOIN "AspNetUserRoles" ur ON ur."UserId" = u."Id"
                JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
                LEFT JOIN LATERAL ({Away("u.\"UserName\"", "true")}) a ON true
                WHERE r."NormalizedName" = {role} AND u."BodyCode" = {body} AND {Active("u")}
            )
            SELECT h.user_name, h.full_name, h.email, h.title, h.body_code,
                   NULL::text AS on_behalf_of, NULL::text AS on_behalf_of_name, NULL::uuid AS delegation_id,
                   NULL::date AS starts_on, NULL::date AS ends_on, NULL::text AS reference, NULL::text AS delegate_line
            FROM holders h
            WHERE EXISTS (SELECT 1 FROM holders x WHERE x.delegation_id IS NULL)
            UNION ALL
            (SELECT DISTINCT ON (h.delegate) h.delegate, h.delegate_name, h.delegate_email, h.delegate_title, h.delegate_body,
                    h.user_name, h.full_name, h.delegation_id, h.starts_on, h.ends_on, h.reference,
                    {Line("h.full_name", "h.reference", "h.ends_on")}
             FROM holders h
             WHERE NOT EXISTS (SELECT 1 FROM holders x WHERE x.delegation_id IS NULL)
             ORDER BY h.delegate, h.created_at DESC, h.delegation_id)
            """;
    }
}
