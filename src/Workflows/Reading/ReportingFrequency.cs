using System.Text.Json.Serialization;

namespace Workflows.Reading;

/// <summary>How often a reporting duty recurs.</summary>
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
