namespace Workflows.Reporting;

/// <summary>Settings of recurring report requests (section <c>Workflows:Reporting</c>).</summary>
public sealed class ReportingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Workflows:Reporting";

    /// <summary>
    /// Public address of the Host under which schools open their submission links
    /// (<c>{PublicBaseUrl}/nop-bao-cao/{token}</c>). Default: the Host's own address, <c>http://localhost:5080</c>.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>The workflow definition that times each period's messages. Default <c>report-submission</c>.</summary>
    public string DefinitionId { get; set; } = "report-submission";

    /// <summary>Directory group asked to report when a plan's duty names no target. Default <c>Các trường học trực thuộc</c>.</summary>
    public string DefaultTargetGroup { get; set; } = "Các trường học trực thuộc";

    /// <summary>Directory group of the office's leaders who receive the overdue summary. Default <c>Lãnh đạo Phòng GDĐT</c>.</summary>
    public string LeadersGroup { get; set; } = "Lãnh đạo Phòng GDĐT";

    /// <summary>Calendar days between a period's opening (07:00 Vietnam time) and its due day, unless the schedule says otherwise. Default 10.</summary>
    public int OpenDaysBeforeDue { get; set; } = 10;

    /// <summary>Calendar days after the deadline's last day at whose end (24:00 Vietnam time) a period closes: links expire
    /// and late submissions end. Default 20, so the overdue notice and the leaders' summary always come first.</summary>
    public int CloseDaysAfterDeadline { get; set; } = 20;

    /// <summary>Time of day (Vietnam) at which a period opens. Default 07:00.</summary>
    public TimeOnly OpeningTime { get; set; } = new(7, 0);
}
