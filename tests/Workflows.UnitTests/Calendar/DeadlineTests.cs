using Microsoft.Extensions.Time.Testing;
using Workflows.Calendar;
using Workflows.Kernel;

namespace Workflows.UnitTests.Calendar;

public sealed class DeadlineTests
{
    private static readonly VietnamWorkingCalendar Calendar = VietnamWorkingCalendar.WithShippedYears();

    private static DateTimeOffset Utc(int y, int m, int d, int h) => new(y, m, d, h, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_deadline_on_a_working_day_ends_at_midnight_Vietnam_time_which_is_17_00_UTC()
    {
        var end = Calendar.EndOfDeadline(new DateOnly(2026, 3, 10));
        Assert.Equal(Utc(2026, 3, 10, 17), end);
        Assert.Equal(TimeSpan.Zero, end.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.FromHours(7)), end);
    }

    [Fact]
    public void A_due_day_on_a_Saturday_moves_to_Monday_24_00_Vietnam_time()
    {
        Assert.Equal(Utc(2026, 3, 16, 17), Calendar.EndOfDeadline(new DateOnly(2026, 3, 14)));
    }

    [Fact]
    public void A_due_day_during_Tet_2026_moves_to_the_first_working_day_after_Tet()
    {
        Assert.Equal(new DateOnly(2026, 2, 23), Calendar.LastDay(new DateOnly(2026, 2, 18)));
        Assert.Equal(Utc(2026, 2, 23, 17), Calendar.EndOfDeadline(new DateOnly(2026, 2, 18)));
    }

    [Fact]
    public void A_due_day_of_2_September_2026_moves_to_Thursday_3_September()
    {
        Assert.Equal(Utc(2026, 9, 3, 17), Calendar.EndOfDeadline(new DateOnly(2026, 9, 2)));
        Assert.Equal(Utc(2026, 9, 3, 17), Calendar.EndOfDeadline(new DateOnly(2026, 8, 29)));
    }

    [Fact]
    public void A_due_day_on_a_swapped_working_Saturday_stays_on_that_Saturday()
    {
        Assert.Equal(Utc(2026, 8, 22, 17), Calendar.EndOfDeadline(new DateOnly(2026, 8, 22)));
    }

    [Fact]
    public void A_period_in_days_does_not_count_the_day_of_the_event()
    {
        // Event on Monday 2/3/2026, 5 days: the last day is Saturday 7/3, moved to Monday 9/3.
        Assert.Equal(Utc(2026, 3, 9, 17), Calendar.EndOfPeriodInDays(new DateOnly(2026, 3, 2), 5));
    }

    [Fact]
    public void A_report_sent_one_second_before_midnight_Vietnam_time_is_on_time()
    {
        var due = new DateOnly(2026, 3, 10);
        Assert.False(Calendar.IsOverdue(due, new DateTimeOffset(2026, 3, 10, 23, 59, 59, TimeSpan.FromHours(7))));
        Assert.True(Calendar.IsOverdue(due, new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.FromHours(7))));
    }

    [Fact]
    public void Vietnam_time_turns_the_date_at_17_00_UTC()
    {
        Assert.Equal(new DateOnly(2026, 3, 10), VietnamTime.ToVietnamDate(Utc(2026, 3, 10, 16)));
        Assert.Equal(new DateOnly(2026, 3, 11), VietnamTime.ToVietnamDate(Utc(2026, 3, 10, 17)));
        Assert.Equal(new DateOnly(2026, 3, 11), VietnamTime.Today(new FakeTimeProvider(Utc(2026, 3, 10, 18))));
    }
}
