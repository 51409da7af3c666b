namespace Workflows.Calendar;

/// <summary>A calendar whose only days off are Saturdays and Sundays; no public holidays.</summary>
public sealed class WeekendOnlyCalendar : IWorkingCalendar
{
    /// <inheritdoc />
    public bool IsWorkingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <inheritdoc />
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        var step = workingDays < 0 ? -1 : 1;
        var date = start;
        if (workingDays == 0)
        {
            while (!IsWorkingDay(date)) date = date.AddDays(1);
            return date;
        }
        for (var left = Math.Abs(workingDays); left > 0;)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date)) left--;
        }
        return date;
    }
}
