using System.Globalization;
using Microsoft.Extensions.Options;
using Workflows.Distribution;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Storage;

namespace Workflows.Notifications;

/// <summary>
/// Emails a task's new holder when it arrives (<see cref="ITaskOpenedHandler"/>: created, reassigned or escalated), in the
/// transaction that opens it, through the outbox: the person who may act on it at that instant
/// (<see cref="ITaskDelegation.RecipientsSql"/>, the engine's own rule of who may act) — the one person it is assigned to,
/// or, for a task of a role's queue, every active holder of the role in the body; when every holder is away under a
/// delegation covering the definition, their delegates instead, and nothing to the absent holders; never a locked-out
/// account — each with an email address and
/// <see cref="NotificationSettings.TaskMail"/> on. Category <c>task</c>, dedup key <c>task:{taskId}:{reason}:{userName}</c>;
/// the body names the plan, the step, the due day (Vietnam date), for a delegate the absent person, the delegation's
/// reference and last day, and the plan's link.
/// <para>
/// One set-based statement queued on the unit of work (<see cref="OutboxWriter.InsertNotifyingFrom"/>) chooses the people
/// (joining the delegations in force), their preference and the plan's subject, writes the messages and, only when it
/// wrote one, wakes the senders: it travels with the transition's other writes, so opening a task costs no round trip of
/// its own.
/// </para>
/// </summary>
internal sealed class NewTaskMail(IOptions<NotificationOptions> options, ITaskDelegation delegation) : ITaskOpenedHandler
{
    public Task OnOpenedAsync(UnitOfWork work, OpenedTask task, CancellationToken cancellationToken)
    {
        var due = VietnamTime.ToVietnamDate(task.DueAt.AddTicks(-1)).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var why = task.Reason switch
        {
            TaskOpenReason.Reassigned => "được giao lại cho bạn",
            TaskOpenReason.Escalated => "được chuyển lên do quá hạn",
            _ => task.Assignment.Assignee is null ? "chờ người giữ vai trò của bạn nhận xử lý" : "chờ bạn xử lý",
        };
        // Body: "Kính gửi {name},\n\nKế hoạch \"{subject}\" {why}: {step}.\nHạn xử lý: hết ngày {due}.\n"
        //       + ("Bạn nhận thư này với tư cách người được ủy quyền của {absent} theo {reference}, đến hết ngày {last day}.\n"
        //          for a delegate) + "\nMở công việc: {link}\n\n…"
        // The statement has only the parts this task needs (one person or the role's queue), so PostgreSQL plans and starts
        // a smaller statement; and it notifies the senders only when it wrote a message.
        var values = new List<object?>();
        string Value(object? value)
        {
            values.Add(value);
            return "$" + values.Count.ToString(CultureInfo.InvariantCulture);
        }
        var people = delegation.RecipientsSql(
            new TaskAudience(task.Assignment.Assignee, task.Assignment.OnBehalfOf, task.Role, task.BodyCode, task.DefinitionId, task.Now), Value);
        var subjectPrefix = Value($"Công việc mới: {task.StepName} — ");
        var reason = Value($"{why}: {task.StepName}.\nHạn xử lý: hết ngày {due}.\n");
        // A delegate who does not hold the role is not told "your role's queue": the task waits for them to take it.
        var delegateWhy = task.Reason == TaskOpenReason.Created && task.Assignment.Assignee is null ? "chờ bạn nhận xử lý" : why;
        var reasons = delegateWhy == why ? reason
            : $"CASE WHEN p.delegate_line IS NULL THEN {reason} ELSE {Value($"{delegateWhy}: {task.StepName}.\nHạn xử lý: hết ngày {due}.\n")} END";
        var tail = Value($"\nMở công việc: {options.Value.PlanLink(task.PlanId)}\n\nTắt thư này ở trang Thông báo của bạn.");
        var dedup = Value($"task:{task.TaskId}:{task.Reason}:");
        var plan = Value(task.PlanId);
        work.Queue(
            $"""
            WITH people AS (
            {people}
            ),
            messages AS (
                SELECT p.email AS address, p.full_name AS recipient_name, NULL::uuid AS entry_id,
                       {subjectPrefix} || coalesce(pl.subject, '') AS subject,
                       'Kính gửi ' || p.full_name || E',\n\nKế hoạch "' || coalesce(pl.subject, '') || '" ' || {reasons}
                       || coalesce(p.delegate_line, '') || {tail} AS body,
                       'task' AS category, {dedup} || p.user_name AS dedup_key, NULL::uuid AS reference_id, false AS redact_after_send
                FROM people p
                LEFT JOIN plans pl ON pl.id = {plan}
                WHERE p.email ~ '\S'
                  AND NOT EXISTS (SELECT 1 FROM notification_preferences n WHERE n.user_name = p.user_name AND NOT n.task_mail)
            ),
            {OutboxWriter.InsertNotifyingFrom("messages")}
            """,
            [.. values]);
        return Task.CompletedTask;
    }
}
