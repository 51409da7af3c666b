namespace Workflows.Reporting.Status;

/// <summary>A reporting period past its deadline with schools that submitted nothing.</summary>
public sealed record OverduePeriod
{
    /// <summary>The schedule.</summary>
    public Guid ScheduleId { get; init; }

    /// <summary>The report's name as the schools see it.</summary>
    public string Title { get; init; } = "";

    /// <summary>The period.</summary>
    public Guid PeriodId { get; init; }

    /// <summary>The period's name, e.g. "Tháng 1/2026".</summary>
    public string PeriodLabel { get; init; } = "";

    /// <summary>The deadline (UTC): the end of the due day, moved past days off.</summary>
    public DateTimeOffset Deadline { get; init; }

    /// <summary>Schools asked.</summary>
    public int Asked { get; init; }

    /// <summary>Schools that submitted (on time or late).</summary>
    public int Submitted { get; init; }

    /// <summary>Schools that submitted nothing and are past the deadline.</summary>
    public int Overdue { get; init; }
}
