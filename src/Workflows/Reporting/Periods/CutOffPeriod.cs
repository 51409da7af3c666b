using Workflows.Kernel.Plans;

namespace Workflows.Reporting.Periods;

/// <summary>
/// The data cut-off period (thời gian chốt số liệu) of a periodic report, Nghị định 09/2019/NĐ-CP, Điều 12:
/// monthly, the 15th of the previous month to the 14th of the reporting month; quarterly, the 15th of the month
/// before the quarter to the 14th of its last month; half-year, 15/12 of the previous year to 14/6 and 15/6 to 14/12;
/// yearly, 15/12 of the previous year to 14/12. Both ends are included.
/// </summary>
/// <param name="Frequency">The frequency the period belongs to.</param>
/// <param name="Year">The reporting year (the year the period ends in).</param>
/// <param name="Number">The period within the year: month 1–12, quarter 1–4, half 1–2, or 1 for a year.</param>
/// <param name="From">The first day of data, included.</param>
/// <param name="To">The last day of data, included.</param>
public sealed record CutOffPeriod(ReportingFrequency Frequency, int Year, int Number, DateOnly From, DateOnly To)
{
    /// <summary>True when <paramref name="date"/> lies in the period.</summary>
    public bool Contains(DateOnly date) => date >= From && date <= To;

    /// <summary>
    /// The cut-off period number <paramref name="number"/> of <paramref name="year"/>: month 1–12 for
    /// <see cref="ReportingFrequency.Monthly"/>, quarter 1–4, half 1–2, and 1 (or any value) for
    /// <see cref="ReportingFrequency.Yearly"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The frequency is <see cref="ReportingFrequency.Once"/> (a one-off report's cut-off is set by the plan),
    /// or <paramref name="number"/> is out of range for the frequency.
    /// </exception>
    public static CutOffPeriod For(ReportingFrequency frequency, int year, int number = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        return frequency switch
        {
            ReportingFrequency.Monthly => Range(frequency, year, Check(number, 12), lastMonth: number, months: 1),
            ReportingFrequency.Quarterly => Range(frequency, year, Check(number, 4), lastMonth: number * 3, months: 3),
            ReportingFrequency.HalfYearly => Range(frequency, year, Check(number, 2), lastMonth: number * 6, months: 6),
            ReportingFrequency.Yearly => Range(frequency, year, 1, lastMonth: 12, months: 12),
            _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "A one-off report has no regular cut-off period; the plan sets it."),
        };

        int Check(int value, int max) =>
            value >= 1 && value <= max ? value : throw new ArgumentOutOfRangeException(nameof(number), value, $"Expected 1 to {max} for {frequency}.");
    }

    /// <summary>The cut-off period of the given frequency that holds data of <paramref name="date"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The frequency is <see cref="ReportingFrequency.Once"/>.</exception>
    public static CutOffPeriod Containing(ReportingFrequency frequency, DateOnly date)
    {
        // Shift by the cut-off: data of the 15th onwards counts toward the next month.
        var shifted = date.Day >= 15 ? date.AddMonths(1) : date;
        var number = frequency switch
        {
            ReportingFrequency.Monthly => shifted.Month,
            ReportingFrequency.Quarterly => (shifted.Month - 1) / 3 + 1,
            ReportingFrequency.HalfYearly => (shifted.Month - 1) / 6 + 1,
            ReportingFrequency.Yearly => 1,
            _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "A one-off report has no regular cut-off period; the plan sets it."),
        };
        return For(frequency, shifted.Year, number);
    }

    /// <summary>
    /// The period a report due on <paramref name="dueDate"/> covers: the latest period of the frequency whose data
    /// ended before the due date (e.g. a monthly report due before the 15th covers the period ending on the 14th).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The frequency is <see cref="ReportingFrequency.Once"/>.</exception>
    public static CutOffPeriod LatestEndedBefore(ReportingFrequency frequency, DateOnly dueDate)
    {
        // The period holding the due date has not ended by then, so the one before it is the latest that has.
        return Containing(frequency, Containing(frequency, dueDate).From.AddDays(-1));
    }

    private static CutOffPeriod Range(ReportingFrequency frequency, int year, int number, int lastMonth, int months)
    {
        var to = new DateOnly(year, lastMonth, 14);
        var from = new DateOnly(year, lastMonth, 15).AddMonths(-months);
        return new CutOffPeriod(frequency, year, number, from, to);
    }
}
