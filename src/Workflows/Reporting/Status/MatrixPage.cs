namespace Workflows.Reporting.Status;

/// <summary>
/// One page of a schedule's schools × periods matrix with what the page says about every school: the counts per period
/// and state, the overdue (school, period) pairs, the first submissions of the current period (for the chart).
/// </summary>
/// <param name="Schedule">The schedule, with its periods.</param>
/// <param name="Periods">The schedule's periods, by due day.</param>
/// <param name="Current">The period counted, filtered and charted first (<see cref="MatrixCells.Current"/>), or null.</param>
/// <param name="Schools">Every school of the matrix: the target's members with an address, and every school asked in a period.</param>
/// <param name="Matching">The schools matching the search and the state.</param>
/// <param name="Page">The page shown (from 1).</param>
/// <param name="PageSize">Schools per page.</param>
/// <param name="Rows">The page's schools in Vietnamese alphabetical order, each with a cell per period.</param>
/// <param name="Requests">The request of each (period, school) of the page's rows and of the overdue list, with whether its link is revoked.</param>
/// <param name="Counts">Per period id, how many schools are in each state (states with none left out).</param>
/// <param name="OverdueCount">How many (school, period) pairs are past their deadline with nothing submitted.</param>
/// <param name="Overdue">The first of them: latest period first, then schools in alphabetical order.</param>
/// <param name="CurrentSubmissions">The first-submission instants (UTC) of the current period's schools, earliest first.</param>
internal sealed record MatrixPage(
    ScheduleView Schedule,
    IReadOnlyList<PeriodView> Periods,
    PeriodView? Current,
    int Schools,
    int Matching,
    int Page,
    int PageSize,
    IReadOnlyList<StatusRow> Rows,
    IReadOnlyDictionary<(Guid PeriodId, Guid EntryId), (Guid RequestId, bool Revoked)> Requests,
    IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, int>> Counts,
    int OverdueCount,
    IReadOnlyList<(Guid EntryId, string Name, PeriodView Period)> Overdue,
    IReadOnlyList<DateTimeOffset> CurrentSubmissions)
{
    /// <summary>The number of pages (at least 1).</summary>
    public int Pages => Math.Max(1, (Matching + PageSize - 1) / PageSize);

    /// <summary>How many schools are in <paramref name="state"/> in <paramref name="period"/>.</summary>
    public int Count(PeriodView period, string state) =>
        Counts.TryGetValue(period.Id, out var counts) ? counts.GetValueOrDefault(state) : 0;
}
