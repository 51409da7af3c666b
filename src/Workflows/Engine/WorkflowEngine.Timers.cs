using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Workflows.Audit;
using Workflows.Kernel;
using Workflows.Storage;

namespace Workflows.Engine;

// Task timers: reminders to the holder, and the escalation (notify a role, reassign to it, or take an outcome).
public sealed partial class WorkflowEngine
{
    /// <summary>The user name recorded for what the engine does by itself (escalations).</summary>
    public const string SystemActor = "system";

    /// <summary>
    /// Fires timer <paramref name="name"/> (<c>remind-n</c> or <c>escalate</c>) of task <paramref name="taskId"/> at
    /// <paramref name="now"/> (UTC), in one transaction with its audit record and emails. A task no longer open, or a timer its
    /// step no longer has, is left alone (the job may run late, twice, or after the task was completed).
    /// <list type="bullet">
    /// <item>A reminder emails the holder, or every user of the role in the body while the task is in the queue (<c>task.reminded</c>).</item>
    /// <item>The escalation is the step's, or for a branch of a consultation the branch's own else the step's; a branch answered
    /// or closed by its join is no longer open and is left alone.</item>
    /// <item>An escalation <c>notify</c> emails the role's users (<c>task.escalated</c>); <c>reassignTo</c> moves the task to
    /// the role's queue (<c>task.escalated</c>, then the <see cref="ITaskOpenedHandler"/>s); <c>outcome</c> completes the task
    /// with that outcome as <see cref="SystemActor"/> and moves the instance on.</item>
    /// </list>
    /// </summary>
    public async Task FireTimerAsync(Guid taskId, string name, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var work = await UnitOfWork.BeginAsync(_dataSource, cancellationToken);
        var (task, plan) = await LockTaskAsync(work, taskId, cancellationToken);
        if (task is null || task.status != "open") return;
        var definition = await _catalog.GetAsync(task.definition_id, task.definition_version, cancellationToken);
        var step = definition.Step(task.step);
        var system = new Actor(SystemActor, "Hệ thống", null, task.body_code, ImmutableHashSet.Create(task.role));
        var transition = new Transition(work, plan, task.instance_id, definition, system, now);
        var subject = await _subjects.FactsAsync(work, plan.Id, cancellationToken);
        var due = VietnamTime.ToVietnamTime(new DateTimeOffset(task.due_at, TimeSpan.Zero)).AddTicks(-1);
        // A branch of a consultation is named by its branch ("Ý kiến Phòng Tổ chức cán bộ"), a human task by its step.
        var what = step.Branches.FirstOrDefault(b => b.Id == task.branch)?.Name ?? step.Name;
        if (name.StartsWith("remind-", StringComparison.Ordinal))
        {
            var to = task.assignee is { } holder && await _users.FindAsync(holder, cancellationToken) is { } user
                ? [user] : await _users.InRoleAsync(task.body_code, task.role, cancellationToken);
            var sent = to.Where(u => _mail.Queue(work, "task-reminder", u, $"Nhắc việc: {what} – {subject.Subject}",
                $"Kính gửi {u.FullName},\n\nCông việc \"{what}\" của kế hoạch \"{subject.Subject}\" đang chờ xử lý, hạn hết ngày {due:dd/MM/yyyy}.\n",
                $"task:{taskId}:{name}:{u.UserName}", plan.Id)).Select(u => u.UserName).ToList();
            work.Audit(now, SystemActor, "task.reminded", plan.Id, task.instance_id, taskId,
                new { step = step.Id, branch = task.branch, timer = name, to = to.Select(u => u.UserName), emailed = sent });
        }
        else if (name == TaskTimerNames.Escalate && step.EscalationOf(task.branch) is { } escalation)
        {
            if (escalation.Notify is { } role)
            {
                var to = await _users.InRoleAsync(task.body_code, role, cancellationToken);
                var sent = to.Where(u => _mail.Queue(work, "task-escalation", u, $"Việc chậm xử lý: {what} – {subject.Subject}",
                    $"Kính gửi {u.FullName},\n\nCông việc \"{what}\" của kế hoạch \"{subject.Subject}\" chưa được xử lý sau {escalation.AfterWorkingDays} ngày làm việc"
                    + (task.assignee is null ? "." : $" (người giữ: {task.assignee}).") + "\n",
                    $"task:{taskId}:{name}:{u.UserName}", plan.Id)).Select(u => u.UserName).ToList();
                work.Audit(now, SystemActor, "task.escalated", plan.Id, task.instance_id, taskId,
                    new { step = step.Id, branch = task.branch, timer = name, action = "notify", role, to = to.Select(u => u.UserName), emailed = sent });
            }
            else if (escalation.ReassignTo is { } target)
            {
                await MoveTaskAsync(transition, task, target, TaskAssignment.Queue, TaskOpenReason.Escalated, cancellationToken);
            }
            else if (escalation.Outcome is { } outcome)
            {
                work.Audit(now, SystemActor, "task.escalated", plan.Id, task.instance_id, taskId, new { step = step.Id, branch = task.branch, timer = name, action = "outcome", outcome });
                await CompleteLockedAsync(work, plan, task, new TaskCompletion(outcome, $"Tự động sau {escalation.AfterWorkingDays} ngày làm việc không xử lý.", null, null),
                    system, now, resubmission: false, cancellationToken);
            }
        }
        else return;
        await work.CommitAsync(cancellationToken);
        _logger.LogInformation("Timer {Timer} of task {TaskId} fired", name, taskId);
    }
}
