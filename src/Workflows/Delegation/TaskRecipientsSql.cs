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
    /// <summary>The delegate's sentence, in four parts around the absent person's name, the reference and the last day.</summary>
    private const string LineStart = "Bạn nhận thư này với tư cách người được ủy quyền của ";
    private const string LineReference = " theo ";
    private const string LineEnd = ", đến hết ngày ";
    private const string LineStop = ".\n";

    public static string Build(TaskAudience audience, Func<object?, string> value)
    {
        var today = value(VietnamTime.ToVietnamDate(audience.Now));
        var body = value(audience.BodyCode);
        var definition = value(audience.DefinitionId);
        string InForce(string d) =>
            $"""
            {d}.body_code = {body} AND {d}.cancelled_at IS NULL AND {d}.starts_on <= {today} AND {d}.ends_on >= {today}
                  AND ({d}.definitions IS NULL OR {definition} = ANY ({d}.definitions))
            """;
        string Line(string name, string reference, string endsOn) =>
            $"{value(LineStart)} || {name} || coalesce({value(LineReference)} || {reference}, '') || {value(LineEnd)} || to_char({endsOn}, 'DD/MM/YYYY') || {value(LineStop)}";
        if (audience.Assignee is { } assignee)
        {
            // The person the task is for: the absent person a delegate holds it for, else its holder.
            var giver = audience.OnBehalfOf ?? assignee;
            var heldFor = audience.OnBehalfOf is null ? "" : $"AND d.delegate = {value(assignee)}";
            var giverKey = value(giver.ToUpperInvariant());
            return $"""
                SELECT u."UserName" AS user_name, u."FullName" AS full_name, u."Email" AS email, u."Title" AS title, u."BodyCode" AS body_code,
                       d.user_name AS on_behalf_of, coalesce(g."FullName", d.user_name) AS on_behalf_of_name, d.id AS delegation_id,
                       d.starts_on, d.ends_on, d.reference,
                       CASE WHEN d.id IS NOT NULL THEN {Line("coalesce(g.\"FullName\", d.user_name)", "d.reference", "d.ends_on")} END AS delegate_line
                FROM (SELECT 1) AS one
                LEFT JOIN LATERAL (
                    SELECT d.id, d.user_name, d.delegate, d.starts_on, d.ends_on, d.reference FROM delegations d
                    WHERE d.user_name = {value(giver)} AND {InForce("d")} {heldFor}
                    ORDER BY d.created_at DESC LIMIT 1) d ON true
                LEFT JOIN "AspNetUsers" g ON d.id IS NOT NULL AND g."NormalizedUserName" = {giverKey}
                JOIN "AspNetUsers" u ON u."NormalizedUserName" = coalesce(upper(d.delegate), {giverKey})
                """;
        }
        var now = value(audience.Now);
        return $"""
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
                WHERE r."NormalizedName" = {value(audience.Role.ToUpperInvariant())} AND u."BodyCode" = {body}
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
