using Workflows.Calendar;
using Workflows.Definitions;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Reporting.Steps;
using Workflows.Storage;

namespace Workflows.TaskTimers;

/// <summary>
/// Schedules the timers of a new human task (its step's <c>reminders</c> and <c>escalation</c>; for a branch of a
/// <c>parallel</c> step, the step's <c>reminders</c> and the branch's <c>escalation</c>, else the step's) as rows of <c>task_timers</c> queued on the transition's unit of work
/// (<see cref="TaskTimerStore.QueueFirst"/>: no round trip of their own, committed with the task, fired by the recurring job
/// through <see cref="TaskTimerStore.FireDueAsync"/>): each at the same Vietnam time of day as the
/// task's creation, the given number of working days later (Vietnam calendar: weekends, public holidays and announced
/// days off skipped). Firing calls <see cref="TaskTimerHandler"/>, which ignores a task no longer open. Outside the Engine namespace
/// because the Reporting jobs reach the engine.
/// </summary>
internal sealed class TaskTimerScheduler(WorkflowDefinitionCatalog catalog, IWorkingCalendar calendar) : ITaskOpenedHandler
{
    public async Task OnOpenedAsync(UnitOfWork work, OpenedTask task, CancellationToken cancellationToken)
    {
        if (task.Reason != TaskOpenReason.Created) return;
        var step = (await catalog.GetAsync(task.DefinitionId, task.DefinitionVersion, cancellationToken)).Step(task.Step);
        if (step.Kind is not (StepKind.HumanTask or StepKind.Parallel)) return;
        // A parallel step's reminders apply to each of its branches (each branch is a task); a branch escalates by its own
        // escalation, else by the step's.
        var timers = step.Reminders.Select((days, i) => new TaskTimer(TaskTimerNames.Kind, task.TaskId, TaskTimerNames.Remind(i + 1), After(task.CreatedAt, days))).ToList();
        if (step.EscalationOf(task.Branch) is { } escalation)
            timers.Add(new TaskTimer(TaskTimerNames.Kind, task.TaskId, TaskTimerNames.Escalate, After(task.CreatedAt, escalation.AfterWorkingDays)));
        // A created task has a new id: its timers are its first (a plain INSERT).
        TaskTimerStore.QueueFirst(work, timers);
    }

    /// <summary><paramref name="workingDays"/> working days after <paramref name="start"/>, at its Vietnam time of day (UTC).</summary>
    public DateTimeOffset After(DateTimeOffset start, int workingDays)
    {
        var local = VietnamTime.ToVietnamTime(start);
        var day = calendar.AddWorkingDays(DateOnly.FromDateTime(local.DateTime), workingDays);
        return new DateTimeOffset(day.ToDateTime(TimeOnly.FromDateTime(local.DateTime)), VietnamTime.Offset).ToUniversalTime();
    }
}
