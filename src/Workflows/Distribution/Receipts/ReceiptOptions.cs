namespace Workflows.Distribution.Receipts;

/// <summary>Settings of the recipients' receipts (<c>Workflows:Receipts</c>).</summary>
public sealed class ReceiptOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Workflows:Receipts";

    /// <summary>
    /// Where recipients reach the Host: base of the "Xác nhận đã nhận" links (absolute http/https address, no query). Null:
    /// the schools' <c>Workflows:Reporting:PublicBaseUrl</c>, bound by the Host.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Working days (Vietnam calendar, holidays and swapped Saturdays included; the release day not counted) after which a
    /// recipient that has not acknowledged gets its one reminder. 1–30.
    /// </summary>
    public int ReminderWorkingDays { get; set; } = 3;

    /// <summary>Vietnam time of day at which a reminder becomes due on that working day.</summary>
    public TimeOnly ReminderTime { get; set; } = new(8, 0);

    /// <summary>Calendar days a link stays valid after it is issued (the reminder's link counts from the reminder). 1–3650.</summary>
    public int LinkValidDays { get; set; } = 90;
}
