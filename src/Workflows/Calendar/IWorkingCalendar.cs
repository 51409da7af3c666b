namespace Workflows.Calendar;

/// <summary>
/// Tells working days from days off in Vietnam time (Asia/Ho_Chi_Minh, UTC+7) and counts working days.
/// </summary>
public interface IWorkingCalendar
{
    /// <summary>True when <paramref name="date"/> (a civil date in Vietnam) is a working day.</summary>
    bool IsWorkingDay(DateOnly date);

    /// <summary>
    /// The date <paramref name="workingDays"/> working days after <paramref name="start"/>; the start day itself is
    /// not counted (Bộ luật Dân sự 2015, Điều 147). Negative values count backwards. Zero returns the start day
    /// moved forward to the first working day on or after it.
    /// </summary>
    DateOnly AddWorkingDays(DateOnly start, int workingDays);
}
