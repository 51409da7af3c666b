using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Workflows.Definitions;
using Workflows.Distribution;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Storage;

namespace Workflows.Notifications;

/// <summary>
/// The morning digest (run at 07:00 Vietnam time by a recurring job): to each user with an email address who has not
/// turned it off (<see cref="NotificationSettings.OverdueDigest"/>) and whose account is active, one email listing the
/// open tasks whose mail reaches them today — assigned to them, or in the queue of a role they hold in their body, or, while
/// the holders are away, those they act on as delegate (<see cref="ITaskDelegation.RecipientsOfTasksSql"/>, the rule of the
/// new-task email and the reminders: an absent holder's tasks are listed to the delegate, naming the absent person, the
/// reference and the last day, and not to the absent holder) — whose due instant has passed, each with its plan's link;
/// nothing to a user with none. Category <c>digest</c>, dedup key
/// <c>digest:{userName}:{yyyy-MM-dd}</c> (Vietnam date): a second run the same day sends nothing more. All messages are
/// written through the outbox in one transaction.
/// </summary>
public sealed class OverdueDigest(NpgsqlDataSource dataSource, WorkflowDefinitionCatalog catalog, IOptions<NotificationOptions> options,
    TimeProvider clock, ILogger<OverdueDigest> logger, ITaskDelegation delegation)
{
    /// <summary>Writes today's digests; returns how many users were written to (before de-duplication).</summary>
    public async Task<int> SendAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var today = VietnamTime.ToVietnamDate(now);
        await using var work = await UnitOfWork.BeginAsync(dataSource, cancellationToken);
        // The people each overdue task's mail reaches today (ITaskDelegation: its holders, or their delegates while they are away).
        var parameters = new DynamicParameters(new { now, today });
        string Text(object? value)
        {
            var name = "text" + parameters.ParameterNames.Count().ToString(CultureInfo.InvariantCulture);
            parameters.Add(name, value);
            return "@" + name;
        }
        var rows = await work.QueryAsync<Row>(
            $"""
            WITH people AS (
                SELECT u."UserName" AS user_name, u."FullName" AS full_name, u."Email" AS email
                FROM "AspNetUsers" u
                LEFT JOIN notification_preferences n ON n.user_name = u."UserName"
                WHERE coalesce(u."Email", '') <> '' AND (u."LockoutEnd" IS NULL OR u."LockoutEnd" <= @now) AND coalesce(n.overdue_digest, true)
            ),
            due AS (
                SELECT t.id, t.plan_id, t.step, t.due_at, t.assignee, t.on_behalf_of, t.role, t.body_code, i.definition_id, i.definition_version
                FROM human_tasks t JOIN workflow_instances i ON i.id = t.instance_id
                WHERE t.status = 'open' AND t.due_at <= @now
            ),
            reach AS (
            {delegation.RecipientsOfTasksSql("due", "@today", "@now", Text)}
            )
            SELECT pe.user_name, pe.full_name, pe.email, d.plan_id, p.subject, d.step, d.due_at, d.definition_id, d.definition_version,
                   r.on_behalf_of_name, r.reference, r.ends_on
            FROM reach r
            JOIN due d ON d.id = r.task_id
            JOIN people pe ON pe.user_name = r.user_name
            JOIN plans p ON p.id = d.plan_id
            ORDER BY pe.user_name, d.due_at
            """, parameters, cancellationToken);
        var users = 0;
        foreach (var person in rows.GroupBy(r => r.user_name))
        {
            var first = person.First();
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"Kính gửi {first.full_name},\n\nĐến {today:dd/MM/yyyy}, các công việc sau đã quá hạn xử lý:\n\n");
            foreach (var task in person)
            {
                var step = (await catalog.GetAsync(task.definition_id, task.definition_version, cancellationToken)).Steps.GetValueOrDefault(task.step)?.Name ?? task.step;
                var due = VietnamTime.ToVietnamDate(new DateTimeOffset(task.due_at, TimeSpan.Zero).AddTicks(-1));
                text.Append(CultureInfo.InvariantCulture,
                    $"- {task.subject}\n  Bước: {step}; hạn: {due:dd/MM/yyyy} (quá {today.DayNumber - due.DayNumber} ngày)\n");
                if (task.on_behalf_of_name is { } absent)
                    text.Append(CultureInfo.InvariantCulture,
                        $"  Xử lý thay {absent} theo ủy quyền{(task.reference is null ? "" : $" ({task.reference})")} đến hết ngày {task.ends_on:dd/MM/yyyy}\n");
                text.Append(CultureInfo.InvariantCulture, $"  {options.Value.PlanLink(task.plan_id)}\n");
            }
            text.Append("\nThư gửi tự động lúc 07:00 hằng ngày; tắt thư này ở trang Thông báo của bạn.");
            OutboxWriter.Enqueue(work, new OutboxMessage("digest", first.email, first.full_name,
                $"Công việc quá hạn: {person.Count()} việc ({today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)})", text.ToString(),
                DedupKey: $"digest:{person.Key}:{today:yyyy-MM-dd}"));
            users++;
        }
        await work.CommitAsync(cancellationToken);
        logger.LogInformation("Overdue digest of {Date}: {Users} users with overdue tasks", today, users);
        return users;
    }

#pragma warning disable IDE1006 // column names as Dapper maps them
    private sealed record Row(string user_name, string full_name, string email, Guid plan_id, string subject, string step, DateTime due_at,
        string definition_id, int definition_version, string? on_behalf_of_name, string? reference, DateOnly? ends_on);
#pragma warning restore IDE1006
}
