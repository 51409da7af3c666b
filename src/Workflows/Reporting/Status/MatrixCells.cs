namespace Workflows.Reporting.Status;

/// <summary>
/// The one rule of a matrix cell (a school in a period), written twice because it runs in two places: in C# for the cells
/// of the rows read (<see cref="Of"/>) and in SQL for the counts, the state filter and the overdue list that PostgreSQL
/// computes over every school (<see cref="StateSql"/>). Both say: a period not opened yet (still <c>scheduled</c>, or
/// opening after now) → <c>not_open</c>; no request → <c>not_requested</c>; submitted → <c>late</c> when the first
/// submission was marked late (or, unmarked, came at or after the deadline), else <c>on_time</c>; nothing submitted →
/// <c>overdue</c> from the deadline on, else <c>missing</c>. The tests compare the paged matrix with the whole one.
/// </summary>
internal static class MatrixCells
{
    /// <summary>Every cell state, in the order of the page's legend.</summary>
    public static readonly IReadOnlyList<string> States = ["on_time", "late", "missing", "overdue", "not_open", "not_requested"];

    /// <summary>
    /// The cell state in SQL over a period aliased <c>p</c> (columns <c>state</c>, <c>opens_at</c>, <c>deadline</c>), a
    /// request aliased <c>r</c> (null columns when the school was not asked) and the parameter <c>@now</c> (UTC).
    /// </summary>
    public const string StateSql =
        """
        CASE WHEN p.state = 'scheduled' OR p.opens_at > @now THEN 'not_open'
             WHEN r.id IS NULL THEN 'not_requested'
             WHEN r.first_submitted_at IS NOT NULL THEN
                  CASE WHEN coalesce(r.submitted_late, r.first_submitted_at >= p.deadline) THEN 'late' ELSE 'on_time' END
             WHEN @now >= p.deadline THEN 'overdue'
             ELSE 'missing' END
        """;

    /// <summary>Whether <paramref name="period"/> has opened at <paramref name="now"/> (its cells are more than <c>not_open</c>).</summary>
    public static bool Opened(PeriodView period, DateTimeOffset now) => period.State != "scheduled" && period.OpensAt <= now;

    /// <summary>The cell of a school in <paramref name="period"/> at <paramref name="now"/>; <paramref name="request"/> null when it was not asked.</summary>
    /// <param name="period">The period.</param>
    /// <param name="request">The school's request of that period: its first submission instant and whether it was marked late.</param>
    /// <param name="now">The instant of the matrix (UTC).</param>
    public static StatusCell Of(PeriodView period, (DateTimeOffset? FirstSubmittedAt, bool? SubmittedLate)? request, DateTimeOffset now)
    {
        if (!Opened(period, now)) return new StatusCell(period.Id, "not_open", null);
        if (request is not { } r) return new StatusCell(period.Id, "not_requested", null);
        if (r.FirstSubmittedAt is { } at) return new StatusCell(period.Id, r.SubmittedLate ?? at >= period.Deadline ? "late" : "on_time", at);
        return new StatusCell(period.Id, now >= period.Deadline ? "overdue" : "missing", null);
    }

    /// <summary>
    /// The period a schedule's page shows first, counts and filters by: the open one with the nearest deadline, else the
    /// last one that opened at <paramref name="now"/>; null before the first opens.
    /// </summary>
    public static PeriodView? Current(IReadOnlyList<PeriodView> periods, DateTimeOffset now) =>
        periods.Where(p => p.State == "open").OrderBy(p => p.Deadline).FirstOrDefault()
        ?? periods.Where(p => p.OpensAt <= now).OrderByDescending(p => p.OpensAt).FirstOrDefault();
}
