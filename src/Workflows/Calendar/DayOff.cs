namespace Workflows.Calendar;

/// <summary>Why a day is a holiday or a day off.</summary>
public enum HolidayKind
{
    /// <summary>Tết Dương lịch, 1 January.</summary>
    NewYear,
    /// <summary>Tết Nguyên đán, the lunar new year (5 days).</summary>
    LunarNewYear,
    /// <summary>Giỗ Tổ Hùng Vương, the 10th day of the 3rd lunar month.</summary>
    HungKingsCommemoration,
    /// <summary>Ngày Chiến thắng, 30 April.</summary>
    ReunificationDay,
    /// <summary>Ngày Quốc tế lao động, 1 May.</summary>
    LabourDay,
    /// <summary>Quốc khánh, 2 September and one adjacent day.</summary>
    NationalDay,
    /// <summary>A day off given because a holiday fell on a weekly rest day (Bộ luật Lao động 2019, Điều 112 khoản 3).</summary>
    Compensatory,
    /// <summary>A day off set by a government notice (a swapped day, or any other announced day off).</summary>
    Announced,
}

/// <summary>A day off in the Vietnamese public-sector calendar, with its Vietnamese name for display.</summary>
/// <param name="Date">The civil date in Vietnam.</param>
/// <param name="Name">The name shown to users, in Vietnamese.</param>
/// <param name="Kind">Why the day is off.</param>
public sealed record DayOff(DateOnly Date, string Name, HolidayKind Kind);
