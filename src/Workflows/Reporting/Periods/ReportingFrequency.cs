namespace Workflows.Reporting.Periods;

/// <summary>How often a report is due (tần suất báo cáo, Nghị định 09/2019/NĐ-CP).</summary>
public enum ReportingFrequency
{
    /// <summary>Hằng tháng.</summary>
    Monthly,
    /// <summary>Hằng quý.</summary>
    Quarterly,
    /// <summary>6 tháng.</summary>
    HalfYearly,
    /// <summary>Hằng năm.</summary>
    Yearly,
    /// <summary>Một lần (đột xuất or chuyên đề): the plan sets its own cut-off.</summary>
    Once,
}
