namespace Workflows.Reporting.Status;

/// <summary>
/// Where one reporting period's requests stand: each school counted once, in its furthest state (a school that
/// submitted is counted as submitted whatever became of its email).
/// </summary>
/// <param name="PeriodId">The period.</param>
/// <param name="Label">The period's name, e.g. "Tháng 1/2026".</param>
/// <param name="Queued">Request email waiting, being sent or retrying; nothing submitted.</param>
/// <param name="Sent">Request email accepted by the mail server; nothing submitted yet.</param>
/// <param name="Submitted">The school submitted (on time or late).</param>
/// <param name="Failed">Request email refused or given up; nothing submitted.</param>
/// <param name="Withdrawn">Request email never sent: the plan was recalled first.</param>
/// <param name="Failures">The failed requests, by school name: the ones "Gửi lại" is offered for.</param>
public sealed record PeriodProgress(Guid PeriodId, string Label, int Queued, int Sent, int Submitted, int Failed, int Withdrawn,
    IReadOnlyList<FailedRequest> Failures)
{
    /// <summary>Every school asked.</summary>
    public int Total => Queued + Sent + Submitted + Failed + Withdrawn;

    /// <summary>True while some request email is still on its way (the page keeps refreshing quickly).</summary>
    public bool InProgress => Queued > 0;

    /// <summary>The share of <paramref name="count"/> in <see cref="Total"/>, in percent (0 when no school was asked).</summary>
    public double Percent(int count) => Total == 0 ? 0 : Math.Round(100.0 * count / Total, 1);
}
