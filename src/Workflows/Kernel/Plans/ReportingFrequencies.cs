namespace Workflows.Kernel.Plans;

/// <summary>Text forms of <see cref="ReportingFrequency"/>: API and plan fields (<c>half-yearly</c>) and database (<c>half_yearly</c>).</summary>
public static class ReportingFrequencies
{
    /// <summary>The frequency named <paramref name="text"/> (<c>monthly</c>, <c>quarterly</c>, <c>half-yearly</c> or
    /// <c>half_yearly</c> or <c>halfYearly</c>, <c>yearly</c>, <c>once</c>, <c>unspecified</c>; case ignored), or null.</summary>
    public static ReportingFrequency? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "monthly" => ReportingFrequency.Monthly,
        "quarterly" => ReportingFrequency.Quarterly,
        "half-yearly" or "half_yearly" or "halfyearly" => ReportingFrequency.HalfYearly,
        "yearly" => ReportingFrequency.Yearly,
        "once" => ReportingFrequency.Once,
        "unspecified" => ReportingFrequency.Unspecified,
        _ => null,
    };

    /// <summary>The value stored in <c>reporting_schedules.frequency</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ReportingFrequency.Unspecified"/> is never stored.</exception>
    public static string ToDatabase(ReportingFrequency frequency) => frequency switch
    {
        ReportingFrequency.Monthly => "monthly",
        ReportingFrequency.Quarterly => "quarterly",
        ReportingFrequency.HalfYearly => "half_yearly",
        ReportingFrequency.Yearly => "yearly",
        ReportingFrequency.Once => "once",
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "An unspecified frequency is never scheduled."),
    };

    /// <summary>The API name: <c>monthly</c>, <c>quarterly</c>, <c>half-yearly</c>, <c>yearly</c>, <c>once</c>, <c>unspecified</c>.</summary>
    public static string ToApi(ReportingFrequency frequency) => frequency == ReportingFrequency.HalfYearly ? "half-yearly" : frequency.ToString().ToLowerInvariant();

    /// <summary>The frequencies a schedule may take, in the order the forms list them (never <see cref="ReportingFrequency.Unspecified"/>).</summary>
    public static IReadOnlyList<ReportingFrequency> Scheduled { get; } =
        [ReportingFrequency.Monthly, ReportingFrequency.Quarterly, ReportingFrequency.HalfYearly, ReportingFrequency.Yearly, ReportingFrequency.Once];

    /// <summary>
    /// The Vietnamese name users read, the one home of these words for every page, form and message: "Hằng tháng",
    /// "Hằng quý", "6 tháng", "Hằng năm" (the periodic reports of Nghị định 09/2019/NĐ-CP, Điều 12), "Một lần" (a
    /// single dated report), "Định kỳ, chưa rõ kỳ" (periodic, no period given yet).
    /// </summary>
    public static string Label(ReportingFrequency frequency) => frequency switch
    {
        ReportingFrequency.Monthly => "Hằng tháng",
        ReportingFrequency.Quarterly => "Hằng quý",
        ReportingFrequency.HalfYearly => "6 tháng",
        ReportingFrequency.Yearly => "Hằng năm",
        ReportingFrequency.Once => "Một lần",
        _ => "Định kỳ, chưa rõ kỳ",
    };

    /// <summary>The labels of <see cref="Scheduled"/> as a Vietnamese list: "Hằng tháng, Hằng quý, 6 tháng, Hằng năm hoặc Một lần".</summary>
    public static string ScheduledLabels() =>
        string.Join(", ", Scheduled.Take(Scheduled.Count - 1).Select(Label)) + " hoặc " + Label(Scheduled[^1]);
}
