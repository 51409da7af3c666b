using Workflows.Kernel;

namespace Workflows.Calendar;

/// <summary>
/// Deadlines by Bộ luật Dân sự 2015: a period ends at 24:00 of its last day (Điều 148); when that day is a weekend day or
/// a public holiday, the period ends at the end of the next working day. The day of the event that starts a period is not
/// counted (Điều 147).
/// </summary>
public static class Deadline
{
    /// <summary>The last day of a period whose nominal last day is <paramref name="dueDay"/>: the first working day on or after it.</summary>
    public static DateOnly LastDay(this IWorkingCalendar calendar, DateOnly dueDay)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.AddWorkingDays(dueDay, 0);
    }

    /// <summary>
    /// The instant (in UTC) a period due on <paramref name="dueDay"/> ends: 24:00 Vietnam time of <see cref="LastDay"/>,
    /// i.e. 17:00 UTC of that day.
    /// </summary>
    public static DateTimeOffset EndOfDeadline(this IWorkingCalendar calendar, DateOnly dueDay) =>
        VietnamTime.EndOfDay(calendar.LastDay(dueDay));

    /// <summary>
    /// The instant a period of <paramref name="days"/> calendar days ends when it starts with an event on
    /// <paramref name="eventDay"/>: the event day is not counted (Điều 147), so the nominal last day is
    /// <paramref name="eventDay"/> + <paramref name="days"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is not positive.</exception>
    public static DateTimeOffset EndOfPeriodInDays(this IWorkingCalendar calendar, DateOnly eventDay, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        return calendar.EndOfDeadline(eventDay.AddDays(days));
    }

    /// <summary>True when <paramref name="instant"/> is at or after the end of a period due on <paramref name="dueDay"/>.</summary>
    public static bool IsOverdue(this IWorkingCalendar calendar, DateOnly dueDay, DateTimeOffset instant) =>
        instant >= calendar.EndOfDeadline(dueDay);
}
