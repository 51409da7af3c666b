using Workflows.Reporting.Status;

namespace Workflows.Host.Pages.BaoCao;

/// <summary>
/// The schedule page's progress panel (<c>_TienDo</c>): per opened period, the counts and a bar of request emails
/// queued / sent / failed / withdrawn and schools that submitted, and "Gửi lại" beside each school whose email failed.
/// The panel asks for itself again every few seconds (htmx, <c>?handler=TienDo</c>).
/// </summary>
/// <param name="ScheduleId">The schedule.</param>
/// <param name="MayResend">True for the Drafter, Clerk and Admin (who may change schedules).</param>
/// <param name="Periods">The periods with requests, as <see cref="ReportingProgress.PeriodsAsync"/> reads them.</param>
internal sealed record ProgressPanel(Guid ScheduleId, bool MayResend, IReadOnlyList<PeriodProgress> Periods)
{
    /// <summary>True while some request email of some period is still on its way.</summary>
    public bool InProgress => Periods.Any(p => p.InProgress);
}
