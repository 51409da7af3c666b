namespace Workflows.Definitions;

/// <summary>
/// What a <c>notify</c> step of a <c>reportSubmission</c> definition sends and when (Vietnam time, UTC+7).
/// </summary>
/// <param name="Send">
/// <c>request</c> (every target school, with its personal link, at the period's opening), <c>reminder</c> (schools that
/// have not submitted), <c>overdueNotice</c> (schools that have not submitted; marks their request overdue) or
/// <c>leadersSummary</c> (one message to each member of the leaders' group listing every overdue school).
/// </param>
/// <param name="At"><c>opening</c> (the period's opening instant) or <c>deadline</c> (the deadline's last day).</param>
/// <param name="WorkingDays">
/// For <c>deadline</c>: working days from the deadline's last day (Bộ luật Dân sự 2015, Điều 147–148; negative before,
/// positive after); the step runs at <paramref name="Time"/> of that working day. Zero for <c>opening</c>.
/// </param>
/// <param name="Time">Time of day in Vietnam at which a <c>deadline</c> step runs (default 07:00).</param>
/// <param name="Group">For <c>leadersSummary</c>: the directory group of the leaders, or null for the configured default.</param>
public sealed record NotifyStep(string Send, string At, int WorkingDays, TimeOnly Time, string? Group)
{
    /// <summary>The message kinds a notify step may send.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["request", "reminder", "overdueNotice", "leadersSummary"];
}
