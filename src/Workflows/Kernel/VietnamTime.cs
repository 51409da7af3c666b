namespace Workflows.Kernel;

/// <summary>
/// Vietnam time (Asia/Ho_Chi_Minh): a fixed UTC+7 offset with no daylight saving, so no time-zone database is needed.
/// </summary>
public static class VietnamTime
{
    /// <summary>
    /// The IANA time-zone id of Vietnam, for what needs a zone by name (a scheduler's cron time zone, PostgreSQL's
    /// <c>AT TIME ZONE</c>); C# code converts with the members below instead.
    /// </summary>
    public const string TimeZoneId = "Asia/Ho_Chi_Minh";

    /// <summary>The offset of Vietnam time from UTC: +07:00.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>The instant <paramref name="instant"/> seen in Vietnam time (offset +07:00).</summary>
    public static DateTimeOffset ToVietnamTime(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The civil date in Vietnam at <paramref name="instant"/>.</summary>
    public static DateOnly ToVietnamDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The current time in Vietnam (offset +07:00).</summary>
    public static DateTimeOffset Now(TimeProvider clock) => clock.GetUtcNow().ToOffset(Offset);

    /// <summary>Today's date in Vietnam.</summary>
    public static DateOnly Today(TimeProvider clock) => ToVietnamDate(clock.GetUtcNow());

    /// <summary>The instant, in UTC, at which <paramref name="date"/> begins in Vietnam (00:00 +07:00).</summary>
    public static DateTimeOffset StartOfDay(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();

    /// <summary>The instant, in UTC, at which <paramref name="date"/> ends in Vietnam: 24:00 +07:00, i.e. 00:00 of the next day.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date) => StartOfDay(date.AddDays(1));
}
