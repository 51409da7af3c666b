using Workflows.Calendar;

namespace Workflows.UnitTests.Calendar;

public sealed class VietnamWorkingCalendarTests
{
    private static readonly VietnamWorkingCalendar Calendar = VietnamWorkingCalendar.WithShippedYears();
    private static readonly VietnamWorkingCalendar RulesOnly = new([]);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void The_shipped_calendar_has_announced_data_for_2025_and_2026()
    {
        Assert.Equal([2025, 2026], Calendar.AnnouncedYears);
        Assert.Contains("9441/TB-BNV", Calendar.Announced(2026)!.Source);
        Assert.Contains("6150/TB-LĐTBXH", Calendar.Announced(2025)!.Source);
    }

    [Theory]
    [InlineData(2025, 1, 27)]
    [InlineData(2025, 1, 28)]
    [InlineData(2025, 1, 29)]
    [InlineData(2025, 1, 31)]
    [InlineData(2025, 4, 7)]
    [InlineData(2025, 4, 30)]
    [InlineData(2025, 5, 1)]
    [InlineData(2025, 5, 2)]
    [InlineData(2025, 9, 1)]
    [InlineData(2025, 9, 2)]
    [InlineData(2026, 1, 1)]
    [InlineData(2026, 1, 2)]
    [InlineData(2026, 2, 16)]
    [InlineData(2026, 2, 20)]
    [InlineData(2026, 4, 27)]
    [InlineData(2026, 4, 30)]
    [InlineData(2026, 5, 1)]
    [InlineData(2026, 8, 31)]
    [InlineData(2026, 9, 1)]
    [InlineData(2026, 9, 2)]
    public void An_announced_or_statutory_day_off_is_not_a_working_day(int y, int m, int d)
    {
        Assert.False(Calendar.IsWorkingDay(D(y, m, d)));
        Assert.NotNull(Calendar.DayOffOn(D(y, m, d)));
    }

    [Theory]
    [InlineData(2025, 4, 26)]
    [InlineData(2026, 1, 10)]
    [InlineData(2026, 8, 22)]
    public void A_swapped_Saturday_is_a_working_day(int y, int m, int d)
    {
        Assert.Equal(DayOfWeek.Saturday, D(y, m, d).DayOfWeek);
        Assert.True(Calendar.IsWorkingDay(D(y, m, d)));
        Assert.Null(Calendar.DayOffOn(D(y, m, d)));
    }

    [Theory]
    [InlineData(2025, 2, 3)]
    [InlineData(2025, 9, 3)]
    [InlineData(2026, 2, 23)]
    [InlineData(2026, 9, 3)]
    public void The_day_after_an_announced_holiday_block_is_a_working_day(int y, int m, int d)
    {
        Assert.True(Calendar.IsWorkingDay(D(y, m, d)));
    }

    [Fact]
    public void Announced_Tet_2025_replaces_the_default_which_would_compensate_Saturday_1_February_on_Monday_3_February()
    {
        Assert.False(RulesOnly.IsWorkingDay(D(2025, 2, 3)));
        Assert.True(Calendar.IsWorkingDay(D(2025, 2, 3)));
        // No make-up Saturday for Tết 2025 could be confirmed, so 8/2/2025 stays an ordinary Saturday.
        Assert.False(Calendar.IsWorkingDay(D(2025, 2, 8)));
    }

    [Fact]
    public void Gio_To_2026_on_a_Sunday_is_compensated_the_next_Monday()
    {
        Assert.Equal(DayOfWeek.Sunday, D(2026, 4, 26).DayOfWeek);
        var compensation = Calendar.DayOffOn(D(2026, 4, 27));
        Assert.NotNull(compensation);
        Assert.Equal(HolidayKind.Compensatory, compensation.Kind);
        Assert.Contains("Giỗ Tổ Hùng Vương", compensation.Name);
        Assert.True(Calendar.IsWorkingDay(D(2026, 4, 28)));
    }

    [Fact]
    public void A_holiday_on_a_Sunday_is_compensated_on_the_next_Monday_by_the_rules()
    {
        // 30/4/2028 is a Sunday and 1/5 a holiday, so the compensation day is Tuesday 2/5.
        Assert.Equal(DayOfWeek.Sunday, D(2028, 4, 30).DayOfWeek);
        Assert.False(RulesOnly.IsWorkingDay(D(2028, 5, 1)));
        Assert.False(RulesOnly.IsWorkingDay(D(2028, 5, 2)));
        Assert.True(RulesOnly.IsWorkingDay(D(2028, 5, 3)));
        // 1/1/2028 is a Saturday: compensated on Monday 3/1.
        Assert.Equal(HolidayKind.Compensatory, RulesOnly.DayOffOn(D(2028, 1, 3))!.Kind);
    }

    [Fact]
    public void Without_an_announcement_Tet_is_the_last_day_of_the_lunar_year_and_the_first_four_days_of_the_new_one()
    {
        var tet = VietnamHolidays.StatutoryHolidays(2027).Where(h => h.Kind == HolidayKind.LunarNewYear).Select(h => h.Date);
        Assert.Equal([D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8), D(2027, 2, 9)], tet);
    }

    [Theory]
    [InlineData(2024, 9, 3)]
    [InlineData(2025, 9, 1)]
    [InlineData(2026, 9, 1)]
    [InlineData(2027, 9, 3)]
    [InlineData(2028, 9, 1)]
    public void The_default_adjacent_National_Day_holiday_joins_the_weekend(int y, int m, int d)
    {
        Assert.Equal(D(y, m, d), VietnamHolidays.DefaultNationalDayAdjacent(y));
    }

    [Fact]
    public void Adding_working_days_across_Tet_2026_skips_the_nine_days_off()
    {
        // Friday 13/2/2026 + 1 working day: 14–22/2 are off, so Monday 23/2.
        Assert.Equal(D(2026, 2, 23), Calendar.AddWorkingDays(D(2026, 2, 13), 1));
        Assert.Equal(D(2026, 2, 27), Calendar.AddWorkingDays(D(2026, 2, 12), 6));
        Assert.Equal(D(2026, 2, 13), Calendar.AddWorkingDays(D(2026, 2, 23), -1));
        Assert.Equal(D(2026, 2, 23), Calendar.AddWorkingDays(D(2026, 2, 17), 0));
    }

    [Fact]
    public void Adding_working_days_counts_a_swapped_Saturday()
    {
        // Friday 21/8/2026 + 1 working day is the swapped Saturday 22/8.
        Assert.Equal(D(2026, 8, 22), Calendar.AddWorkingDays(D(2026, 8, 21), 1));
    }

    [Fact]
    public void A_year_uploaded_at_run_time_replaces_the_rules_for_that_year()
    {
        // By the rules Tết 2027 (Saturday 6/2) is 5–9/2, with 6/2 and 7/2 compensated on 10/2 and 11/2.
        var calendar = new VietnamWorkingCalendar([]);
        Assert.False(calendar.IsWorkingDay(D(2027, 2, 11)));
        calendar.AddOrReplace(AnnouncedYear.Parse("""
            { "year": 2027, "source": "Thông báo thử",
              "daysOff": [ { "date": "2027-02-05", "name": "Tết" }, { "date": "2027-02-08", "name": "Tết" },
                           { "date": "2027-02-09", "name": "Tết" }, { "date": "2027-02-10", "name": "Tết" } ],
              "workingDays": [ { "date": "2027-02-20", "name": "Làm bù" } ] }
            """));
        Assert.True(calendar.IsWorkingDay(D(2027, 2, 11)));
        Assert.False(calendar.IsWorkingDay(D(2027, 2, 10)));
        Assert.True(calendar.IsWorkingDay(D(2027, 2, 20)));
        Assert.True(calendar.RemoveAnnounced(2027));
        Assert.False(calendar.IsWorkingDay(D(2027, 2, 11)));
        Assert.False(calendar.IsWorkingDay(D(2027, 2, 20)));
    }

    [Fact]
    public void Vietnamese_Culture_Day_is_not_yet_a_holiday()
    {
        Assert.True(Calendar.IsWorkingDay(D(2026, 11, 24)));
    }
}
