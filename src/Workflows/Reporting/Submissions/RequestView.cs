namespace Workflows.Reporting.Submissions;

/// <summary>One school's report request for one period, as its submission page and the office show it.</summary>
public sealed class RequestView
{
    /// <summary>The request (<c>report_requests.id</c>).</summary>
    public Guid RequestId { get; init; }

    /// <summary>The school's directory entry.</summary>
    public Guid EntryId { get; init; }

    /// <summary>The school's name.</summary>
    public string SchoolName { get; init; } = "";

    /// <summary>The school's email address (receipts go there).</summary>
    public string Address { get; init; } = "";

    /// <summary>When the office revoked the link (UTC), or null.</summary>
    public DateTimeOffset? TokenRevokedAt { get; init; }

    /// <summary>First submission (UTC), or null.</summary>
    public DateTimeOffset? FirstSubmittedAt { get; init; }

    /// <summary>Latest submission (UTC), or null.</summary>
    public DateTimeOffset? LastSubmittedAt { get; init; }

    /// <summary>Whether the first submission came after the deadline; null before any submission.</summary>
    public bool? SubmittedLate { get; init; }

    /// <summary>The period.</summary>
    public Guid PeriodId { get; init; }

    /// <summary>The period's label, e.g. "Tháng 3/2026".</summary>
    public string PeriodLabel { get; init; } = "";

    /// <summary>First day of the data cut-off (Nghị định 09/2019, Điều 12), Vietnam date.</summary>
    public DateOnly CutOffFrom { get; init; }

    /// <summary>Last day of the data cut-off, Vietnam date.</summary>
    public DateOnly CutOffTo { get; init; }

    /// <summary>The due day as written, Vietnam date.</summary>
    public DateOnly DueOn { get; init; }

    /// <summary>The deadline instant (UTC): end of the due day, moved to the next working day.</summary>
    public DateTimeOffset Deadline { get; init; }

    /// <summary>When the period closes (UTC): the link expires and late submissions end.</summary>
    public DateTimeOffset ClosesAt { get; init; }

    /// <summary>The period's state: <c>scheduled</c>, <c>open</c> or <c>closed</c>.</summary>
    public string PeriodState { get; init; } = "";

    /// <summary>The schedule.</summary>
    public Guid ScheduleId { get; init; }

    /// <summary>The report's title as the schools see it.</summary>
    public string Title { get; init; } = "";

    /// <summary>The issuing body that asks, e.g. <c>PGDĐT</c>.</summary>
    public string BodyCode { get; init; } = "";

    /// <summary>The plan the schedule comes from; null for a standalone campaign.</summary>
    public Guid? PlanId { get; init; }

    /// <summary>The plan's symbol, e.g. <c>95/KH-PGDĐT</c>; null for a standalone campaign or an unnumbered plan.</summary>
    public string? PlanSymbol { get; init; }

    /// <summary>True when the plan was recalled (thu hồi): the link takes nothing more.</summary>
    public bool PlanRecalled { get; init; }

    /// <summary>Every version submitted, oldest first.</summary>
    public IReadOnlyList<SubmissionView> Submissions { get; set; } = [];
}
