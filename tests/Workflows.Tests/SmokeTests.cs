using Workflows.Calendar;

namespace Workflows.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Two_working_days_after_a_Friday_is_the_next_Tuesday()
    {
        Assert.Equal(new DateOnly(2026, 11, 24), new WeekendOnlyCalendar().AddWorkingDays(new DateOnly(2026, 11, 20), 2));
    }
}
