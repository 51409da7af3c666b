namespace Workflows.Calendar;

/// <summary>
/// The public holidays of Bộ luật Lao động 2019, Điều 112, computed by rule for any year, and the days off
/// they give once an announced year (<see cref="AnnouncedYear"/>) is taken into account.
/// </summary>
/// <remarks>
/// <para>Rules (khoản 1): 1/1; Tết Nguyên đán, 5 days; Giỗ Tổ Hùng Vương (10/3 lunar); 30/4; 1/5; Quốc khánh 2/9 and
/// one adjacent day. Khoản 3: a holiday on a weekly rest day (Saturday or Sunday) is compensated on the next working day.</para>
/// <para>Default Tết, when no notice is known: the last day of the lunar year and days 1–4 of the new year
/// (the 5 days starting the day before Tết).</para>
/// <para>Default adjacent Quốc khánh day, when no notice is known: the adjacent day (1/9 or 3/9) that is a weekday
/// and touches the weekend; when both or neither do, 1/9. So 2/9 on Monday gives 3/9, Tuesday 1/9, Wednesday 1/9,
/// Thursday 3/9, Friday 1/9, Saturday 1/9 (Friday), Sunday 3/9. This matches the notices of 2024 (Mon → 3/9),
/// 2025 (Tue → 1/9) and 2026 (Wed → 1/9).</para>
/// <para>With an announced year, the announced days replace the computed Tết block when any announced day off lies within
/// 10 days of Tết, and replace the adjacent Quốc khánh day when any announced day off lies between 26/8 and 9/9;
/// 2/9 itself always stays a holiday. Other holidays keep their rule dates and compensation. Announced days are taken
/// as final: no compensation is computed for them.</para>
/// <para>Not included: Ngày Văn hóa Việt Nam (24/11). Nghị quyết 80-NQ/TW (7/1/2026) decided it should become a paid
/// day off, and Nghị quyết 30/NQ-CP tasks amending Điều 112, but as of early 2026 the Labour Code had not been amended.
/// Once it is, add it to an announced year (or to these rules).</para>
/// </remarks>
public static class VietnamHolidays
{
    /// <summary>The statutory holidays of <paramref name="year"/> by the default rules, without compensation days, in date order.</summary>
    public static IReadOnlyList<DayOff> StatutoryHolidays(int year)
    {
        var tet = VietnameseLunarCalendar.LunarNewYear(year);
        var nationalDay = new DateOnly(year, 9, 2);
        var holidays = new List<DayOff>
        {
            new(new DateOnly(year, 1, 1), "Tết Dương lịch", HolidayKind.NewYear),
            new(tet.AddDays(-1), "Tết Nguyên đán (ngày cuối năm âm lịch)", HolidayKind.LunarNewYear),
        };
        for (var d = 0; d < 4; d++) holidays.Add(new(tet.AddDays(d), $"Tết Nguyên đán (mùng {d + 1})", HolidayKind.LunarNewYear));
        holidays.Add(new(VietnameseLunarCalendar.ToGregorian(year, 3, 10), "Giỗ Tổ Hùng Vương", HolidayKind.HungKingsCommemoration));
        holidays.Add(new(new DateOnly(year, 4, 30), "Ngày Chiến thắng", HolidayKind.ReunificationDay));
        holidays.Add(new(new DateOnly(year, 5, 1), "Ngày Quốc tế lao động", HolidayKind.LabourDay));
        holidays.Add(new(nationalDay, "Quốc khánh", HolidayKind.NationalDay));
        holidays.Add(new(DefaultNationalDayAdjacent(year), "Quốc khánh (ngày liền kề)", HolidayKind.NationalDay));
        return holidays.OrderBy(h => h.Date).ToArray();
    }

    /// <summary>The default adjacent Quốc khánh day (1/9 or 3/9) used when no notice is known; see the class remarks.</summary>
    public static DateOnly DefaultNationalDayAdjacent(int year)
    {
        var before = new DateOnly(year, 9, 1);
        var after = new DateOnly(year, 9, 3);
        var beforeOk = IsWeekday(before);
        var afterOk = IsWeekday(after);
        if (beforeOk != afterOk) return beforeOk ? before : after;
        var beforeTouches = before.DayOfWeek == DayOfWeek.Monday;
        var afterTouches = after.DayOfWeek == DayOfWeek.Friday;
        return afterTouches && !beforeTouches ? after : before;
    }

    /// <summary>
    /// Every day off of <paramref name="year"/> other than ordinary weekends: holidays (including those on a weekend),
    /// compensation days and announced days, in date order. With <paramref name="announced"/> the announced days replace
    /// the computed Tết and adjacent Quốc khánh days as the class remarks describe.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="announced"/> is for another year.</exception>
    public static IReadOnlyList<DayOff> DaysOff(int year, AnnouncedYear? announced = null)
    {
        if (announced is not null && announced.Year != year)
            throw new ArgumentException($"The announced data is for {announced.Year}, not {year}.", nameof(announced));
        IEnumerable<DayOff> statutory = StatutoryHolidays(year);
        var result = new Dictionary<DateOnly, DayOff>();
        if (announced is not null)
        {
            var tet = VietnameseLunarCalendar.LunarNewYear(year);
            var nationalDay = new DateOnly(year, 9, 2);
            if (announced.DaysOff.Any(d => Math.Abs(d.Date.DayNumber - tet.DayNumber) <= 10))
                statutory = statutory.Where(h => h.Kind != HolidayKind.LunarNewYear);
            if (announced.DaysOff.Any(d => d.Date >= new DateOnly(year, 8, 26) && d.Date <= new DateOnly(year, 9, 9)))
                statutory = statutory.Where(h => h.Kind != HolidayKind.NationalDay || h.Date == nationalDay);
            foreach (var day in announced.DaysOff)
                result[day.Date] = new DayOff(day.Date, day.Name, KindOfAnnounced(day.Date, tet, nationalDay));
        }
        var holidays = statutory.ToArray();
        foreach (var holiday in holidays) result.TryAdd(holiday.Date, holiday);
        var working = announced?.WorkingDays.Select(d => d.Date).ToHashSet() ?? [];
        foreach (var holiday in holidays.Where(h => !IsWeekday(h.Date)))
        {
            var day = holiday.Date.AddDays(1);
            while (!IsWeekday(day) || result.ContainsKey(day) || working.Contains(day)) day = day.AddDays(1);
            result[day] = new DayOff(day, $"Nghỉ bù {holiday.Name} ({holiday.Date:dd/MM})", HolidayKind.Compensatory);
        }
        return result.Values.OrderBy(d => d.Date).ToArray();
    }

    private static HolidayKind KindOfAnnounced(DateOnly date, DateOnly tet, DateOnly nationalDay)
    {
        if (Math.Abs(date.DayNumber - tet.DayNumber) <= 10) return HolidayKind.LunarNewYear;
        if (date == nationalDay || Math.Abs(date.DayNumber - nationalDay.DayNumber) <= 7) return HolidayKind.NationalDay;
        return HolidayKind.Announced;
    }

    private static bool IsWeekday(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
