namespace Workflows.Host.Reporting;

/// <summary>The body of <c>POST /api/reporting/schedules/{id}/cancel</c>.</summary>
/// <param name="Reason">Why (kept in the audit record); optional.</param>
internal sealed record CancelScheduleInput(string? Reason);
