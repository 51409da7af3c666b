using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using Workflows.Distribution;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Storage;

namespace Workflows.Notifications;

/// <summary>
/// Emails a task's new holder when it arrives (<see cref="ITaskOpenedHandler"/>: created, reassigned or escalated), in the
/// transaction that opens it, through the outbox: the one person it is assigned to, or, for a task of a role's queue, every
/// active holder of the role in the body — each with an email address and <see cref="NotificationSettings.TaskMail"/> on.
/// Category <c>task</c>, dedup key <c>task:{taskId}:{reason}:{userName}</c>; the body names the plan, the step, the due day
/// (Vietnam date), the person the task is held for when a delegate holds it, and the plan's link.
/// </summary>
internal sealed class NewTaskMail(IWorkflowUsers users, IOptions<NotificationOptions> options) : ITaskOpenedHandler
{
    public async Task OnOpenedAsync(UnitOfWork work, OpenedTask task, CancellationToken cancellationToken)
    {
        IReadOnlyList<WorkflowUserInfo> people = task.Assignment.Assignee is { } assignee
            ? await users.FindAsync(assignee, cancellationToken) is { } one ? [one] : []
            : await users.InRoleAsync(task.BodyCode, task.Role, cancellationToken);
        people = [.. people.Where(p => !string.IsNullOrWhiteSpace(p.Email))];
        if (people.Count == 0) return;
        var names = people.Select(p => p.UserName).ToArray();
        var subject = await work.ExecuteScalarAsync<string>("SELECT subject FROM plans WHERE id = @PlanId", new { task.PlanId }, cancellationToken) ?? "";
        var off = (await work.QueryAsync<string>(
            "SELECT user_name FROM notification_preferences WHERE user_name = ANY (@names) AND NOT task_mail", new { names }, cancellationToken)).ToHashSet();
        var onBehalfOf = task.Assignment.OnBehalfOf is { } absent ? await users.FindAsync(absent, cancellationToken) : null;
        var due = VietnamTime.ToVietnamDate(task.DueAt.AddTicks(-1)).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        foreach (var person in people.Where(p => !off.Contains(p.UserName)))
        {
            var why = task.Reason switch
            {
                TaskOpenReason.Reassigned => "được giao lại cho bạn",
                TaskOpenReason.Escalated => "được chuyển lên do quá hạn",
                _ => task.Assignment.Assignee is null ? "chờ người giữ vai trò của bạn nhận xử lý" : "chờ bạn xử lý",
            };
            var body =
                $"Kính gửi {person.FullName},\n\nKế hoạch \"{subject}\" {why}: {task.StepName}.\nHạn xử lý: hết ngày {due}.\n" +
                (onBehalfOf is null ? "" : $"Bạn xử lý thay {onBehalfOf.FullName} theo ủy quyền.\n") +
                $"\nMở công việc: {options.Value.PlanLink(task.PlanId)}\n\nTắt thư này ở trang Thông báo của bạn.";
            OutboxWriter.Enqueue(work, new OutboxMessage("task", person.Email!, person.FullName, $"Công việc mới: {task.StepName} — {subject}", body,
                $"task:{task.TaskId}:{task.Reason}:{person.UserName}"));
        }
    }
}
