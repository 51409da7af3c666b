using Workflows.Kernel;

namespace Workflows.Reading;

/// <summary>A reporting obligation stated in the plan ("… báo cáo … gửi …" with a period or a deadline).</summary>
/// <param name="Reporter">Who reports, as written (the list item's subject or the section heading).</param>
/// <param name="Recipient">To whom, as written.</param>
/// <param name="Frequency">How often.</param>
/// <param name="DueDay">Day of the month of the deadline, or null when the plan gives none.</param>
/// <param name="Months">Months of the deadline (e.g. [3, 6, 9, 12]), or null when every month or not stated.</param>
/// <param name="Year">The year when the plan names one, else null.</param>
/// <param name="Text">The clause of the source sentence that states the duty.</param>
public sealed record ReportingDuty(
    string? Reporter,
    string? Recipient,
    ReportingFrequency Frequency,
    int? DueDay,
    IReadOnlyList<int>? Months,
    int? Year,
    string Text);
