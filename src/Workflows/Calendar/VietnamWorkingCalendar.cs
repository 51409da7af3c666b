using System.Collections.Concurrent;

namespace Workflows.Calendar;

/// <summary>
/// The working calendar of Vietnamese public bodies: Saturdays and Sundays off, the public holidays of
/// Bộ luật Lao động 2019, Điều 112 (see <see cref="VietnamHolidays"/>), and each year's announced days off and
/// swapped working Saturdays (<see cref="AnnouncedYear"/>). Years without announced data use the rules.
/// </summary>
/// <remarks>Thread-safe: announced years may be added or replaced at run time while other threads read.</remarks>
public sealed class VietnamWorkingCalendar : IWorkingCalendar
{
    private readonly ConcurrentDictionary<int, AnnouncedYear> _announced = new();
    private readonly ConcurrentDictionary<int, YearDays> _years = new();

    /// <summary>Creates a calendar from the rules and the given announced years.</summary>
    /// <exception cref="ArgumentException">Two announced years are for the same year.</exception>
    public VietnamWorkingCalendar(IEnumerable<AnnouncedYear> announcedYears)
    {
        ArgumentNullException.ThrowIfNull(announcedYears);
        foreach (var year in announcedYears)
            if (!_announced.TryAdd(year.Year, year))
                throw new ArgumentException($"Announced data for {year.Year} is given twice.", nameof(announcedYears));
    }

    /// <summary>Creates a calendar from the rules and the announced years shipped with the library.</summary>
    public static VietnamWorkingCalendar WithShippedYears() => new(AnnouncedYear.LoadShipped());

    /// <summary>The years that have announced data, ascending.</summary>
    public IReadOnlyList<int> AnnouncedYears => _announced.Keys.Order().ToArray();

    /// <summary>The announced data for <paramref name="year"/>, or null when that year uses the rules only.</summary>
    public AnnouncedYear? Announced(int year) => _announced.TryGetValue(year, out var announced) ? announced : null;

    /// <summary>Adds the announced data for its year, replacing any data the calendar had for that year.</summary>
    public void AddOrReplace(AnnouncedYear announced)
    {
        ArgumentNullException.ThrowIfNull(announced);
        _announced[announced.Year] = announced;
        _years.TryRemove(announced.Year, out _);
    }

    /// <summary>Removes the announced data for <paramref name="year"/>, so that year falls back to the rules. Returns false when there was none.</summary>
    public bool RemoveAnnounced(int year)
    {
        var removed = _announced.TryRemove(year, out _);
        _years.TryRemove(year, out _);
        return removed;
    }

    /// <inheritdoc />
    public bool IsWorkingDay(DateOnly date)
    {
        var year = For(date.Year);
        if (year.WorkingDays.Contains(date)) return true;
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !year.DaysOff.ContainsKey(date);
    }

    /// <summary>The holiday or announced day off on <paramref name="date"/>, or null for a working day or an ordinary weekend.</summary>
    public DayOff? DayOffOn(DateOnly date)
    {
        var year = For(date.Year);
        return !year.WorkingDays.Contains(date) && year.DaysOff.TryGetValue(date, out var dayOff) ? dayOff : null;
    }

    /// <summary>Every day off of <paramref name="year"/> other than ordinary weekends (holidays, compensation and announced days), in date order.</summary>
    public IReadOnlyList<DayOff> DaysOff(int year) => For(year).Ordered;

    /// <summary>The swapped working days (Saturdays or Sundays worked) of <paramref name="year"/>, in date order.</summary>
    public IReadOnlyList<AnnouncedDay> SwappedWorkingDays(int year) => Announced(year)?.WorkingDays ?? [];

    /// <summary>The first working day on or after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDayOnOrAfter(DateOnly date)
    {
        while (!IsWorkingDay(date)) date = date.AddDays(1);
        return date;
    }

    /// <inheritdoc />
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        if (workingDays == 0) return NextWorkingDayOnOrAfter(start);
        var step = workingDays < 0 ? -1 : 1;
        var date = start;
        for (var left = Math.Abs(workingDays); left > 0;)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date)) left--;
        }
        return date;
    }

    private YearDays For(int year)
    {
        // The cache entry records which announced data it was built from, so a year replaced at run time
        // is never served from a stale entry, even when a reader races with AddOrReplace.
        var announced = Announced(year);
        if (_years.TryGetValue(year, out var cached) && ReferenceEquals(cached.From, announced)) return cached;
        var daysOff = VietnamHolidays.DaysOff(year, announced);
        var built = new YearDays(
            announced,
            daysOff,
            daysOff.ToDictionary(d => d.Date),
            (announced?.WorkingDays.Select(d => d.Date) ?? []).ToHashSet());
        _years[year] = built;
        return built;
    }

    private sealed record YearDays(AnnouncedYear? From, IReadOnlyList<DayOff> Ordered, Dictionary<DateOnly, DayOff> DaysOff, HashSet<DateOnly> WorkingDays);
}
