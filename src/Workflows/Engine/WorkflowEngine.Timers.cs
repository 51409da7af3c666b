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
    /// <item>A reminder emails the holder, or every user of the role in the body while the task is in the queue (<c>task.reminded</c>);
    /// who that is is decided now, delegation included (<see cref="ITaskDelegation.RecipientsAsync"/>): the delegate in force for an
    /// absent holder, the holder again once the delegation has ended.</item>
    /// <item>The escalation is the step's, or for a branch of a consultation the branch's own else the step's; a branch answered
    /// or closed by its join is no longer open and is left alone.</item>
    /// <item>An escalation <c>notify</c> emails the role's users, likewise their delegates when all of them are away (<c>task.escalated</c>); <c>reassignTo</c> moves the task to
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
            var to = await MailRecipientsAsync(work, task, task.assignee, task.on_behalf_of, task.role, now, cancellationToken);
            var sent = to.Where(r => _mail.Queue(work, "task-reminder", r.User, $"Nhắc việc: {what} – {subject.Subject}",
                $"Kính gửi {r.User.FullName},\n\nCông việc \"{what}\" của kế hoạch \"{subject.Subject}\" đang chờ xử lý, hạn hết ngày {due:dd/MM/yyyy}.\n{r.DelegateLine}",
                $"task:{taskId}:{name}:{r.User.UserName}", plan.Id)).Select(r => r.User.UserName).ToList();
            work.Audit(now, SystemActor, "task.reminded", plan.Id, task.instance_id, taskId,
                new { step = step.Id, branch = task.branch, timer = name, to = to.Select(r => r.User.UserName), emailed = sent, delegatesFor = DelegatesFor(to) });
        }
        else if (name == TaskTimerNames.Escalate && step.EscalationOf(task.branch) is { } escalation)
        {
            if (escalation.Notify is { } role)
            {
                var to = await MailRecipientsAsync(work, task, null, null, role, now, cancellationToken);
                var sent = to.Where(r => _mail.Queue(work, "task-escalation", r.User, $"Việc chậm xử lý: {what} – {subject.Subject}",
                    $"Kính gửi {r.User.FullName},\n\nCông việc \"{what}\" của kế hoạch \"{subject.Subject}\" chưa được xử lý sau {escalation.AfterWorkingDays} ngày làm việc"
                    + (task.assignee is null ? "." : $" (người giữ: {task.assignee}).") + "\n" + r.DelegateLine,
                    $"task:{taskId}:{name}:{r.User.UserName}", plan.Id)).Select(r => r.User.UserName).ToList();
                work.Audit(now, SystemActor, "task.escalated", plan.Id, task.instance_id, taskId,
                    new { step = step.Id, branch = task.branch, timer = name, action = "notify", role, to = to.Select(r => r.User.UserName), emailed = sent, delegatesFor = DelegatesFor(to) });
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

    /// <summary>
    /// Whom a reminder or an escalation notice of <paramref name="task"/> reaches at <paramref name="now"/>: its holder
    /// (<paramref name="assignee"/>, held for <paramref name="onBehalfOf"/>) or the holders of <paramref name="role"/> in the
    /// body, with delegation applied at that instant (<see cref="ITaskDelegation.RecipientsAsync"/>: a delegate in force in
    /// place of the absent, the holder again once it has ended).
    /// </summary>
    private async Task<IReadOnlyList<TaskRecipient>> MailRecipientsAsync(UnitOfWork work, TaskRow task, string? assignee, string? onBehalfOf, string role,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_delegation is not null)
            return await _delegation.RecipientsAsync(work, new TaskAudience(assignee, onBehalfOf, role, task.body_code, task.definition_id, now), cancellationToken);
        var users = assignee is { } holder && await _users.FindAsync(holder, cancellationToken) is { } user
            ? [user] : await _users.InRoleAsync(task.body_code, role, cancellationToken);
        return [.. users.Select(u => new TaskRecipient(u, null, null))];
    }

    /// <summary>For the audit record: whom each delegate among <paramref name="to"/> received the message for (user name → absent person).</summary>
    private static Dictionary<string, string>? DelegatesFor(IReadOnlyList<TaskRecipient> to) =>
        to.Any(r => r.Through is not null) ? to.Where(r => r.Through is not null).ToDictionary(r => r.User.UserName, r => r.Through!.OnBehalfOf) : null;
}
