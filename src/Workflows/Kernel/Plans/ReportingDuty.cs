using System.Text.Json.Serialization;

namespace Workflows.Kernel.Plans;

/// <summary>
/// A reporting obligation stated in the plan ("… báo cáo … gửi …" with a period or a deadline, Nghị định 09/2019/NĐ-CP):
/// the reader fills the positional members; the drafter (or the clerk before release) may complete the schedule members
/// (<see cref="Title"/> … <see cref="Schedule"/>), which are written to JSON only when set. Dates are Vietnam civil dates.
/// </summary>
/// <param name="Reporter">Who reports, as written (the list item's subject or the section heading).</param>
/// <param name="Recipient">To whom, as written.</param>
/// <param name="Frequency">How often; null when the drafter cleared it.</param>
/// <param name="DueDay">Day of the month of the deadline (1–31), or null when the plan gives none.</param>
/// <param name="Months">Months of the deadline (e.g. [3, 6, 9, 12]), or null when every month or not stated.</param>
/// <param name="Year">The year when the plan names one, else null.</param>
/// <param name="Text">The clause of the source sentence that states the duty; null only for a duty typed in without one.</param>
public sealed record ReportingDuty(
    string? Reporter,
    string? Recipient,
    ReportingFrequency? Frequency,
    int? DueDay,
    IReadOnlyList<int>? Months,
    int? Year,
    string? Text)
{
    /// <summary>The report's name as the schools see it; null for the default "Báo cáo kết quả thực hiện Kế hoạch số …".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; init; }

    /// <summary>The due day of a <see cref="ReportingFrequency.Once"/> report.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? DueDate { get; init; }

    /// <summary>First day of the schedule; null for 1 January of the plan's year.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? StartsOn { get; init; }

    /// <summary>Last day of the schedule; null for 31 December of the plan's year.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? EndsOn { get; init; }

    /// <summary>Calendar days between a period's opening and its due day (1–90); null for the configured default.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? OpenDaysBeforeDue { get; init; }

    /// <summary>For a one-off report: first day of data; null for the schedule's first day.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? CutOffFrom { get; init; }

    /// <summary>For a one-off report: last day of data; null for the day before the due day.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? CutOffTo { get; init; }

    /// <summary>Who reports; null for the configured default group.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ReportingTarget? Target { get; init; }

    /// <summary><c>false</c> when the duty gets no reporting schedule at release; null or <c>true</c> otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Schedule { get; init; }

    /// <summary>True unless the drafter said the duty gets no schedule (<see cref="Schedule"/> is <c>false</c>).</summary>
    [JsonIgnore]
    public bool IsScheduled => Schedule != false;
}
