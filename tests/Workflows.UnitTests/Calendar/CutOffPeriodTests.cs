using Workflows.Reporting.Periods;
using Workflows.Kernel.Plans;

namespace Workflows.UnitTests.Calendar;

public sealed class CutOffPeriodTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void The_monthly_cut_off_runs_from_the_15th_of_the_previous_month_to_the_14th()
    {
        var period = CutOffPeriod.For(ReportingFrequency.Monthly, 2026, 3);
        Assert.Equal((D(2026, 2, 15), D(2026, 3, 14)), (period.From, period.To));
    }

    [Fact]
    public void January_s_monthly_cut_off_starts_on_15_December_of_the_year_before()
    {
        var period = CutOffPeriod.For(ReportingFrequency.Monthly, 2026, 1);
        Assert.Equal((D(2025, 12, 15), D(2026, 1, 14)), (period.From, period.To));
    }

    [Theory]
    [InlineData(1, 2025, 12, 15, 3, 14)]
    [InlineData(2, 2026, 3, 15, 6, 14)]
    [InlineData(3, 2026, 6, 15, 9, 14)]
    [InlineData(4, 2026, 9, 15, 12, 14)]
    public void The_quarterly_cut_off_runs_from_the_15th_of_the_month_before_the_quarter_to_the_14th_of_its_last_month(
        int quarter, int fromYear, int fromMonth, int fromDay, int toMonth, int toDay)
    {
        var period = CutOffPeriod.For(ReportingFrequency.Quarterly, 2026, quarter);
        Assert.Equal((D(fromYear, fromMonth, fromDay), D(2026, toMonth, toDay)), (period.From, period.To));
    }

    [Fact]
    public void The_half_year_cut_offs_are_15_December_to_14_June_and_15_June_to_14_December()
    {
        var first = CutOffPeriod.For(ReportingFrequency.HalfYearly, 2026, 1);
        var second = CutOffPeriod.For(ReportingFrequency.HalfYearly, 2026, 2);
        Assert.Equal((D(2025, 12, 15), D(2026, 6, 14)), (first.From, first.To));
        Assert.Equal((D(2026, 6, 15), D(2026, 12, 14)), (second.From, second.To));
    }

    [Fact]
    public void The_yearly_cut_off_is_15_December_of_the_previous_year_to_14_December()
    {
        var period = CutOffPeriod.For(ReportingFrequency.Yearly, 2026);
        Assert.Equal((D(2025, 12, 15), D(2026, 12, 14)), (period.From, period.To));
    }

    [Fact]
    public void A_one_off_report_has_no_regular_cut_off()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CutOffPeriod.For(ReportingFrequency.Once, 2026));
        Assert.Throws<ArgumentOutOfRangeException>(() => CutOffPeriod.For(ReportingFrequency.Monthly, 2026, 13));
    }

    [Theory]
    [InlineData(2026, 12, 14, ReportingFrequency.Monthly, 2026, 12)]
    [InlineData(2026, 12, 15, ReportingFrequency.Monthly, 2027, 1)]
    [InlineData(2026, 12, 20, ReportingFrequency.Quarterly, 2027, 1)]
    [InlineData(2026, 6, 14, ReportingFrequency.HalfYearly, 2026, 1)]
    [InlineData(2026, 6, 15, ReportingFrequency.HalfYearly, 2026, 2)]
    [InlineData(2026, 12, 15, ReportingFrequency.Yearly, 2027, 1)]
    public void Data_of_a_day_belongs_to_the_period_that_contains_it(int y, int m, int d, ReportingFrequency frequency, int year, int number)
    {
        var period = CutOffPeriod.Containing(frequency, D(y, m, d));
        Assert.Equal((year, number), (period.Year, period.Number));
        Assert.True(period.Contains(D(y, m, d)));
    }

    [Fact]
    public void A_monthly_report_due_on_the_15th_covers_the_period_ending_on_the_14th()
    {
        var period = CutOffPeriod.LatestEndedBefore(ReportingFrequency.Monthly, D(2026, 1, 15));
        Assert.Equal((D(2025, 12, 15), D(2026, 1, 14)), (period.From, period.To));
    }

    [Fact]
    public void Every_day_of_a_year_belongs_to_exactly_one_monthly_cut_off()
    {
        for (var day = D(2026, 1, 1); day.Year == 2026; day = day.AddDays(1))
            Assert.Single(Enumerable.Range(1, 12).Select(m => CutOffPeriod.For(ReportingFrequency.Monthly, 2026, m))
                .Append(CutOffPeriod.For(ReportingFrequency.Monthly, 2027, 1)), p => p.Contains(day));
    }
}
