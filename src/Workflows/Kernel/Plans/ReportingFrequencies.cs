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
}
