namespace Workflows.Reporting.Status;

/// <summary>
/// The whole matrix of a schedule as a stream (<see cref="MatrixPages.AllRowsAsync"/>): the schedule and its periods,
/// read at once, and the rows, read from PostgreSQL a page of schools at a time as they are enumerated (once).
/// </summary>
/// <param name="Schedule">The schedule.</param>
/// <param name="Periods">Its periods, by due day: the columns of every row.</param>
/// <param name="At">The instant of the matrix (UTC).</param>
/// <param name="Rows">Every school in Vietnamese alphabetical order, a cell per period.</param>
internal sealed record MatrixRows(ScheduleView Schedule, IReadOnlyList<PeriodView> Periods, DateTimeOffset At, IAsyncEnumerable<StatusRow> Rows);
