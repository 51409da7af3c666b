namespace Workflows.Calendar;

/// <summary>A date in the Vietnamese lunar calendar (âm lịch).</summary>
/// <param name="Year">The lunar year, numbered like the Gregorian year in which its first day (Tết) falls.</param>
/// <param name="Month">The lunar month, 1 (tháng Giêng) to 12 (tháng Chạp).</param>
/// <param name="Day">The day of the lunar month, 1 to 30.</param>
/// <param name="IsLeapMonth">True when the day lies in the leap month (tháng nhuận) that repeats <paramref name="Month"/>.</param>
public readonly record struct LunarDate(int Year, int Month, int Day, bool IsLeapMonth = false)
{
    /// <inheritdoc />
    public override string ToString() => $"{Day:00}/{Month:00}{(IsLeapMonth ? " nhuận" : "")}/{Year}";
}

/// <summary>
/// Converts between Gregorian dates and the Vietnamese lunar calendar, computed for UTC+7 with the
/// algorithm published by Hồ Ngọc Đức (new moons and the sun's longitude from astronomical formulas;
/// the month holding the winter solstice is month 11; a year with 13 months repeats the first month
/// that holds no major solar term). Because Vietnam's calendar is computed for UTC+7 and China's for
/// UTC+8, the two differ in some years (Tết 1985 was 21 January in Vietnam, 20 February in China).
/// </summary>
/// <remarks>Supported range: Gregorian years 1900 to 2199.</remarks>
public static class VietnameseLunarCalendar
{
    /// <summary>The time zone, in hours east of UTC, for which the Vietnamese calendar is computed.</summary>
    public const double TimeZoneHours = 7.0;

    /// <summary>The first Gregorian year supported.</summary>
    public const int MinYear = 1900;

    /// <summary>The last Gregorian year supported.</summary>
    public const int MaxYear = 2199;

    private const double SynodicMonth = 29.530588853;
    private const double JulianDayOf1900NewMoon = 2415021.076998695;

    /// <summary>The lunar date of a Gregorian date.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date lies outside years <see cref="MinYear"/>–<see cref="MaxYear"/>.</exception>
    public static LunarDate FromGregorian(DateOnly date) => FromGregorian(date, TimeZoneHours);

    /// <summary>The Gregorian date of a lunar date.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The month or day is out of range, the leap flag is set on a month that is not leap that year,
    /// or the year lies outside the supported range.
    /// </exception>
    public static DateOnly ToGregorian(LunarDate lunar) => ToGregorian(lunar, TimeZoneHours);

    /// <summary>The Gregorian date of day <paramref name="day"/> of lunar month <paramref name="month"/> of lunar year <paramref name="year"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">See <see cref="ToGregorian(LunarDate)"/>.</exception>
    public static DateOnly ToGregorian(int year, int month, int day, bool isLeapMonth = false) =>
        ToGregorian(new LunarDate(year, month, day, isLeapMonth), TimeZoneHours);

    /// <summary>Tết Nguyên đán: the first day of the lunar year that begins in Gregorian year <paramref name="year"/>.</summary>
    public static DateOnly LunarNewYear(int year) => ToGregorian(new LunarDate(year, 1, 1), TimeZoneHours);

    /// <summary>The leap month of lunar year <paramref name="lunarYear"/> (the month number it repeats), or null when the year has 12 months.</summary>
    public static int? LeapMonth(int lunarYear) => LeapMonth(lunarYear, TimeZoneHours);

    /// <summary>The number of days (29 or 30) in the given lunar month.</summary>
    public static int DaysInMonth(int year, int month, bool isLeapMonth = false)
    {
        var first = ToGregorian(new LunarDate(year, month, 1, isLeapMonth), TimeZoneHours);
        var next = FromGregorian(first.AddDays(29), TimeZoneHours);
        return next.Day == 1 ? 29 : 30;
    }

    internal static LunarDate FromGregorian(DateOnly date, double timeZone)
    {
        CheckYear(date.Year, nameof(date));
        var dayNumber = JulianDayNumber(date);
        var k = Floor((dayNumber - JulianDayOf1900NewMoon) / SynodicMonth);
        var monthStart = NewMoonDay(k + 1, timeZone);
        // The mean-moon estimate of k can be one month late near a new moon: step back until the month has begun.
        for (var back = 0; monthStart > dayNumber; back++) monthStart = NewMoonDay(k - back, timeZone);
        var a11 = LunarMonth11(date.Year, timeZone);
        var b11 = a11;
        int lunarYear;
        if (a11 >= monthStart)
        {
            lunarYear = date.Year;
            a11 = LunarMonth11(date.Year - 1, timeZone);
        }
        else
        {
            lunarYear = date.Year + 1;
            b11 = LunarMonth11(date.Year + 1, timeZone);
        }
        var lunarDay = dayNumber - monthStart + 1;
        var diff = Floor((monthStart - a11) / 29.0);
        var leap = false;
        var lunarMonth = diff + 11;
        if (b11 - a11 > 365)
        {
            var leapMonthDiff = LeapMonthOffset(a11, timeZone);
            if (diff >= leapMonthDiff)
            {
                lunarMonth = diff + 10;
                if (diff == leapMonthDiff) leap = true;
            }
        }
        if (lunarMonth > 12) lunarMonth -= 12;
        if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
        return new LunarDate(lunarYear, lunarMonth, lunarDay, leap);
    }

    internal static DateOnly ToGregorian(LunarDate lunar, double timeZone)
    {
        if (lunar.Month is < 1 or > 12)
            throw new ArgumentOutOfRangeException(nameof(lunar), lunar.Month, "A lunar month is 1 to 12.");
        if (lunar.Day is < 1 or > 30)
            throw new ArgumentOutOfRangeException(nameof(lunar), lunar.Day, "A lunar day is 1 to 30.");
        CheckYear(lunar.Year, nameof(lunar));
        int a11, b11;
        if (lunar.Month < 11)
        {
            a11 = LunarMonth11(lunar.Year - 1, timeZone);
            b11 = LunarMonth11(lunar.Year, timeZone);
        }
        else
        {
            a11 = LunarMonth11(lunar.Year, timeZone);
            b11 = LunarMonth11(lunar.Year + 1, timeZone);
        }
        var k = Floor(0.5 + (a11 - JulianDayOf1900NewMoon) / SynodicMonth);
        var off = lunar.Month - 11;
        if (off < 0) off += 12;
        if (b11 - a11 > 365)
        {
            var leapOff = LeapMonthOffset(a11, timeZone);
            var leapMonth = leapOff - 2;
            if (leapMonth <= 0) leapMonth += 12;
            if (lunar.IsLeapMonth && lunar.Month != leapMonth)
                throw new ArgumentOutOfRangeException(nameof(lunar), lunar, $"Month {lunar.Month} is not a leap month in lunar year {lunar.Year}.");
            if (lunar.IsLeapMonth || off >= leapOff) off += 1;
        }
        else if (lunar.IsLeapMonth)
        {
            throw new ArgumentOutOfRangeException(nameof(lunar), lunar, $"Lunar year {lunar.Year} has no leap month.");
        }
        var monthStart = NewMoonDay(k + off, timeZone);
        if (lunar.Day == 30 && NewMoonDay(k + off + 1, timeZone) - monthStart < 30)
            throw new ArgumentOutOfRangeException(nameof(lunar), lunar, "This lunar month has 29 days.");
        return FromJulianDayNumber(monthStart + lunar.Day - 1);
    }

    internal static int? LeapMonth(int lunarYear, double timeZone)
    {
        CheckYear(lunarYear, nameof(lunarYear));
        // The leap month of lunar year Y lies between month 11 of Y-1 and month 11 of Y, or after it
        // (a leap 11th or 12th month belongs to year Y and lies between month 11 of Y and of Y+1).
        for (var start = lunarYear - 1; start <= lunarYear; start++)
        {
            var a11 = LunarMonth11(start, timeZone);
            var b11 = LunarMonth11(start + 1, timeZone);
            if (b11 - a11 <= 365) continue;
            var leapOff = LeapMonthOffset(a11, timeZone);
            var month = leapOff - 2;
            if (month <= 0) month += 12;
            var belongsTo = month >= 11 ? start : start + 1;
            if (belongsTo == lunarYear) return month;
        }
        return null;
    }

    private static void CheckYear(int year, string parameter)
    {
        if (year is < MinYear or > MaxYear)
            throw new ArgumentOutOfRangeException(parameter, year, $"Lunar dates are supported for years {MinYear} to {MaxYear}.");
    }

    private static int Floor(double value) => (int)Math.Floor(value);

    /// <summary>DateOnly.DayNumber counts from 0001-01-01 (proleptic Gregorian), whose Julian day number is 1721426.</summary>
    private static int JulianDayNumber(DateOnly date) => date.DayNumber + 1721426;

    private static DateOnly FromJulianDayNumber(int jdn) => DateOnly.FromDayNumber(jdn - 1721426);

    /// <summary>The Julian day (with fraction, UT) of new moon number <paramref name="k"/> counted from 1900-01-01.</summary>
    private static double NewMoon(int k)
    {
        var t = k / 1236.85;
        var t2 = t * t;
        var t3 = t2 * t;
        const double dr = Math.PI / 180;
        var jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
        jd1 += 0.00033 * Math.Sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
        var m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
        var mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
        var f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
        var c1 = (0.1734 - 0.000393 * t) * Math.Sin(m * dr) + 0.0021 * Math.Sin(2 * dr * m);
        c1 = c1 - 0.4068 * Math.Sin(mpr * dr) + 0.0161 * Math.Sin(dr * 2 * mpr);
        c1 -= 0.0004 * Math.Sin(dr * 3 * mpr);
        c1 = c1 + 0.0104 * Math.Sin(dr * 2 * f) - 0.0051 * Math.Sin(dr * (m + mpr));
        c1 = c1 - 0.0074 * Math.Sin(dr * (m - mpr)) + 0.0004 * Math.Sin(dr * (2 * f + m));
        c1 = c1 - 0.0004 * Math.Sin(dr * (2 * f - m)) - 0.0006 * Math.Sin(dr * (2 * f + mpr));
        c1 = c1 + 0.0010 * Math.Sin(dr * (2 * f - mpr)) + 0.0005 * Math.Sin(dr * (2 * mpr + m));
        var deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2;
        return jd1 + c1 - deltaT;
    }

    /// <summary>The sun's apparent longitude, in radians 0 to 2π, at Julian day <paramref name="jdn"/> (UT).</summary>
    private static double SunLongitude(double jdn)
    {
        var t = (jdn - 2451545.0) / 36525;
        var t2 = t * t;
        const double dr = Math.PI / 180;
        var m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        var l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.Sin(dr * m);
        dl = dl + (0.019993 - 0.000101 * t) * Math.Sin(dr * 2 * m) + 0.000290 * Math.Sin(dr * 3 * m);
        var l = (l0 + dl) * dr;
        return l - Math.PI * 2 * Math.Floor(l / (Math.PI * 2));
    }

    /// <summary>The day number of new moon <paramref name="k"/> in the given time zone.</summary>
    private static int NewMoonDay(int k, double timeZone) => Floor(NewMoon(k) + 0.5 + timeZone / 24);

    /// <summary>The sun's longitude at the start of a local day, as a solar-term sector 0 to 11 (30° each).</summary>
    private static int SunLongitudeSector(int dayNumber, double timeZone) =>
        Floor(SunLongitude(dayNumber - 0.5 - timeZone / 24) / Math.PI * 6);

    /// <summary>The day number on which lunar month 11 (the month holding the winter solstice) of Gregorian year <paramref name="year"/> begins.</summary>
    private static int LunarMonth11(int year, double timeZone)
    {
        var off = JulianDayNumber(new DateOnly(year, 12, 31)) - 2415021;
        var k = Floor(off / SynodicMonth);
        var nm = NewMoonDay(k, timeZone);
        if (SunLongitudeSector(nm, timeZone) >= 9) nm = NewMoonDay(k - 1, timeZone);
        return nm;
    }

    /// <summary>How many months after month 11 starting at <paramref name="a11"/> the leap month comes.</summary>
    private static int LeapMonthOffset(int a11, double timeZone)
    {
        var k = Floor((a11 - JulianDayOf1900NewMoon) / SynodicMonth + 0.5);
        var i = 1;
        var arc = SunLongitudeSector(NewMoonDay(k + i, timeZone), timeZone);
        int last;
        do
        {
            last = arc;
            i++;
            arc = SunLongitudeSector(NewMoonDay(k + i, timeZone), timeZone);
        } while (arc != last && i < 14);
        return i - 1;
    }
}
