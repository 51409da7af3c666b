using Workflows.Calendar;

namespace Workflows.UnitTests.Calendar;

public sealed class VietnameseLunarCalendarTests
{
    [Theory]
    [InlineData(2023, 1, 22)]
    [InlineData(2024, 2, 10)]
    [InlineData(2025, 1, 29)]
    [InlineData(2026, 2, 17)]
    [InlineData(2027, 2, 6)]
    [InlineData(1985, 1, 21)]
    [InlineData(2007, 2, 17)]
    public void Tet_falls_on_the_known_Gregorian_date(int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), VietnameseLunarCalendar.LunarNewYear(year));
        Assert.Equal(new LunarDate(year, 1, 1), VietnameseLunarCalendar.FromGregorian(new DateOnly(year, month, day)));
    }

    [Theory]
    [InlineData(2024, 4, 18)]
    [InlineData(2025, 4, 7)]
    [InlineData(2026, 4, 26)]
    public void Gio_To_Hung_Vuong_the_10th_of_the_3rd_lunar_month_falls_on_the_known_date(int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), VietnameseLunarCalendar.ToGregorian(year, 3, 10));
    }

    [Fact]
    public void Mid_autumn_2025_the_15th_of_the_8th_lunar_month_falls_on_6_October()
    {
        Assert.Equal(new DateOnly(2025, 10, 6), VietnameseLunarCalendar.ToGregorian(2025, 8, 15));
    }

    [Fact]
    public void Gio_To_2026_falls_on_a_Sunday()
    {
        Assert.Equal(DayOfWeek.Sunday, VietnameseLunarCalendar.ToGregorian(2026, 3, 10).DayOfWeek);
    }

    [Fact]
    public void Tet_1985_was_a_month_earlier_in_Vietnam_than_in_China()
    {
        Assert.Equal(new DateOnly(1985, 1, 21), VietnameseLunarCalendar.ToGregorian(new LunarDate(1985, 1, 1), 7.0));
        Assert.Equal(new DateOnly(1985, 2, 20), VietnameseLunarCalendar.ToGregorian(new LunarDate(1985, 1, 1), 8.0));
    }

    [Fact]
    public void Tet_2007_was_a_day_earlier_in_Vietnam_than_in_China()
    {
        Assert.Equal(new DateOnly(2007, 2, 17), VietnameseLunarCalendar.ToGregorian(new LunarDate(2007, 1, 1), 7.0));
        Assert.Equal(new DateOnly(2007, 2, 18), VietnameseLunarCalendar.ToGregorian(new LunarDate(2007, 1, 1), 8.0));
    }

    [Fact]
    public void The_day_before_Tet_2026_is_the_last_day_of_the_12th_month_of_At_Ty()
    {
        var lunar = VietnameseLunarCalendar.FromGregorian(new DateOnly(2026, 2, 16));
        Assert.Equal(new LunarDate(2025, 12, 29), lunar);
        Assert.Equal(29, VietnameseLunarCalendar.DaysInMonth(2025, 12));
    }

    [Fact]
    public void The_year_2023_has_a_leap_second_month_and_2025_a_leap_sixth_month()
    {
        Assert.Equal(2, VietnameseLunarCalendar.LeapMonth(2023));
        Assert.Equal(6, VietnameseLunarCalendar.LeapMonth(2025));
        Assert.Null(VietnameseLunarCalendar.LeapMonth(2026));
    }

    [Fact]
    public void A_day_in_a_leap_month_round_trips()
    {
        var date = new DateOnly(2023, 4, 1);
        var lunar = VietnameseLunarCalendar.FromGregorian(date);
        Assert.Equal(new LunarDate(2023, 2, 11, IsLeapMonth: true), lunar);
        Assert.Equal(date, VietnameseLunarCalendar.ToGregorian(lunar));
    }

    [Fact]
    public void Every_day_from_1990_to_2060_round_trips()
    {
        for (var date = new DateOnly(1990, 1, 1); date < new DateOnly(2060, 1, 1); date = date.AddDays(1))
            Assert.Equal(date, VietnameseLunarCalendar.ToGregorian(VietnameseLunarCalendar.FromGregorian(date)));
    }

    [Fact]
    public void A_leap_flag_on_a_month_that_is_not_leap_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToGregorian(2026, 3, 10, isLeapMonth: true));
    }
}
