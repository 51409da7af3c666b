namespace Workflows.Plans;

/// <summary>One line of a plan's history, read from the audit trail.</summary>
/// <param name="At">Instant (UTC).</param>
/// <param name="Who">User name, or <c>system</c>.</param>
/// <param name="What">Action, e.g. <c>plan.submitted</c>, <c>task.completed</c>, <c>plan.issued</c>.</param>
/// <param name="Step">Step concerned, if any.</param>
/// <param name="Outcome">Outcome chosen, if any.</param>
/// <param name="Comment">Comment, if any.</param>
/// <param name="Revision">Revision round, if recorded.</param>
/// <param name="Data">The audit record's details as JSON.</param>
public sealed record HistoryEntry(DateTimeOffset At, string Who, string What, string? Step, string? Outcome, string? Comment, int? Revision, string Data);
