using Workflows.Kernel.Plans;

namespace Workflows.Reporting;

/// <summary>
/// A reporting schedule as a drafter completes a plan's duty (<c>fields.reportingDuties[i]</c>) or as the API receives a
/// standalone campaign. Dates are Vietnam civil dates.
/// </summary>
public sealed record ScheduleInput
{
    /// <summary>The report's name as the schools see it, e.g. "Báo cáo kết quả thực hiện kế hoạch tháng".</summary>
    public string? Title { get; init; }

    /// <summary><c>monthly</c>, <c>quarterly</c>, <c>half-yearly</c>, <c>yearly</c> or <c>once</c> (<c>unspecified</c> is refused).</summary>
    public string? Frequency { get; init; }

    /// <summary>Day of the month of the due day (1–31; a shorter month uses its last day). Required except for <c>once</c> with <see cref="DueDate"/>.</summary>
    public int? DueDay { get; init; }

    /// <summary>Months of the due day: quarterly (default 3, 6, 9, 12: the last month of each quarter), half-yearly (default 6, 12), yearly (default 12); ignored for monthly.</summary>
    public IReadOnlyList<int>? Months { get; init; }

    /// <summary>The year a plan's duty names, used with <see cref="DueDay"/> and one month for <c>once</c>.</summary>
    public int? Year { get; init; }

    /// <summary>The due day of a <c>once</c> report.</summary>
    public DateOnly? DueDate { get; init; }

    /// <summary>First day of the schedule (default 1 January of the plan's year).</summary>
    public DateOnly? StartsOn { get; init; }

    /// <summary>Last day of the schedule (default 31 December of the plan's year).</summary>
    public DateOnly? EndsOn { get; init; }

    /// <summary>Who reports: a directory group or a list of directory entries (default: <see cref="ReportingOptions.DefaultTargetGroup"/>).</summary>
    public ScheduleTargetInput? Target { get; init; }

    /// <summary>Calendar days between the opening and the due day (1–90; default <see cref="ReportingOptions.OpenDaysBeforeDue"/>).</summary>
    public int? OpenDaysBeforeDue { get; init; }

    /// <summary>For <c>once</c>: first day of data (default <see cref="StartsOn"/>).</summary>
    public DateOnly? CutOffFrom { get; init; }

    /// <summary>For <c>once</c>: last day of data (default the day before the due day).</summary>
    public DateOnly? CutOffTo { get; init; }

    /// <summary>
    /// For a standalone campaign: <c>true</c> when the user asks explicitly to record periods whose deadline has already
    /// passed (stored closed: no request is sent for them). Without it, a campaign none of whose periods is still ahead is
    /// refused (422 naming <c>dueDate</c>, or <c>endsOn</c> for a recurring campaign).
    /// </summary>
    public bool? RecordPastPeriods { get; init; }

    /// <summary>The schedule a plan's reporting duty asks for, as the drafter completed it.</summary>
    public static ScheduleInput FromDuty(ReportingDuty duty) => new()
    {
        Title = duty.Title,
        Frequency = duty.Frequency is { } frequency ? ReportingFrequencies.ToApi(frequency) : null,
        DueDay = duty.DueDay,
        Months = duty.Months,
        Year = duty.Year,
        DueDate = duty.DueDate,
        StartsOn = duty.StartsOn,
        EndsOn = duty.EndsOn,
        OpenDaysBeforeDue = duty.OpenDaysBeforeDue,
        CutOffFrom = duty.CutOffFrom,
        CutOffTo = duty.CutOffTo,
        Target = duty.Target is { } target ? new ScheduleTargetInput(target.Group, target.GroupId, target.EntryIds) : null,
    };
}
