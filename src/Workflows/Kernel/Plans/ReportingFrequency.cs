using System.Text.Json.Serialization;

namespace Workflows.Kernel.Plans;

/// <summary>
/// How often a report is due (tần suất báo cáo, Nghị định 09/2019/NĐ-CP): the one enum of the plan reader, the
/// cut-off periods and the reporting schedules. JSON names: <c>monthly</c>, <c>quarterly</c>, <c>half-yearly</c>,
/// <c>yearly</c>, <c>once</c>, <c>unspecified</c>; the database stores <c>half_yearly</c> (see <see cref="ReportingFrequencies"/>).
/// </summary>
public enum ReportingFrequency
{
    /// <summary>Every month ("hằng tháng").</summary>
    Monthly,

    /// <summary>Every quarter ("hằng quý", "tháng cuối quý", "tháng 3, 6, 9, 12").</summary>
    Quarterly,

    /// <summary>Twice a year ("6 tháng", "trước ngày 15/6 và 15/12").</summary>
    [JsonStringEnumMemberName("half-yearly")]
    HalfYearly,

    /// <summary>Once a year ("hằng năm", "trước ngày 15/12").</summary>
    Yearly,

    /// <summary>A single report on a dated day ("trước ngày 20/5/2023").</summary>
    Once,

    /// <summary>Periodic ("định kỳ") with no period and no date: the drafter must complete it.</summary>
    Unspecified,
}
