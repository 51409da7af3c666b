namespace Workflows.Reporting;

/// <summary>One period of a schedule, computed before it is stored in <c>reporting_periods</c>.</summary>
/// <param name="Key">Unique in its schedule: <c>2026-03</c>, <c>2026-Q1</c>, <c>2026-H1</c>, <c>2026</c>, or the due date of a one-off report.</param>
/// <param name="Label">Vietnamese label, e.g. "Tháng 3/2026", "Quý I/2026".</param>
/// <param name="OpensAt">When the requests go out (UTC): <c>OpenDaysBeforeDue</c> days before the due day at the opening time, Vietnam time.</param>
/// <param name="CutOffFrom">First day of data (Nghị định 09/2019, Điều 12).</param>
/// <param name="CutOffTo">Last day of data.</param>
/// <param name="DueOn">The due day as the rule gives it.</param>
/// <param name="LastDay">The deadline's last day: the due day moved to the next working day (Bộ luật Dân sự 2015, Điều 148).</param>
/// <param name="Deadline">24:00 Vietnam time of <paramref name="LastDay"/>, in UTC.</param>
/// <param name="ClosesAt">When links expire and late submissions end (UTC).</param>
public sealed record PlannedPeriod(string Key, string Label, DateTimeOffset OpensAt, DateOnly CutOffFrom, DateOnly CutOffTo,
    DateOnly DueOn, DateOnly LastDay, DateTimeOffset Deadline, DateTimeOffset ClosesAt);
