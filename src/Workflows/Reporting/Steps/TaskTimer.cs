namespace Workflows.Reporting.Steps;

/// <summary>
/// One timer of a human task or any other subject (a reminder, an escalation): one row of <c>task_timers</c> due at
/// <paramref name="At"/> which, when it fires, calls the <see cref="ITaskTimerHandler"/> of <paramref name="Kind"/>, which checks the subject's
/// state before acting (a task already completed ignores it).
/// </summary>
/// <param name="Kind">Names the handler, e.g. <c>approval-reminder</c>.</param>
/// <param name="SubjectId">The task (or subject) the timer belongs to.</param>
/// <param name="Name">Which of the subject's timers, e.g. <c>remind-1</c>; unique per subject and kind.</param>
/// <param name="At">When it fires, in UTC.</param>
public sealed record TaskTimer(string Kind, Guid SubjectId, string Name, DateTimeOffset At);
