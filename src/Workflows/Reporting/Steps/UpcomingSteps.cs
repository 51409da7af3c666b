using Workflows.Definitions;
using Workflows.Kernel;

namespace Workflows.Reporting.Steps;

/// <summary>A pending step of a schedule as its page and <c>GET /api/reporting/schedules/{id}/steps</c> show it.</summary>
/// <param name="PeriodId">The period.</param>
/// <param name="PeriodLabel">The period's label, e.g. "Tháng 3/2026".</param>
/// <param name="Step">The step's id in the definition, e.g. <c>remind-3</c>.</param>
/// <param name="StepName">The step's Vietnamese name from the definition.</param>
/// <param name="At">When its job runs, in UTC, as the scheduler stores it.</param>
/// <param name="AtVietnam">The same instant in Vietnam time (UTC+7).</param>
public sealed record UpcomingStep(Guid PeriodId, string PeriodLabel, string Step, string StepName, DateTimeOffset At, DateTimeOffset AtVietnam);

/// <summary>
/// The upcoming steps of a schedule, read from the scheduler's pending jobs (not recomputed), so that what the page
/// shows is what will run: one line per step of each period not yet closed, earliest first.
/// </summary>
internal sealed class UpcomingSteps(ReportingScheduleStore store, IStepScheduler scheduler, WorkflowDefinitionCatalog catalog)
{
    /// <summary>The pending steps of schedule <paramref name="id"/>.</summary>
    /// <exception cref="WorkflowException">No such schedule (404) or another body's (403).</exception>
    public async Task<IReadOnlyList<UpcomingStep>> ListAsync(Guid id, Actor actor, CancellationToken cancellationToken)
    {
        var schedule = await store.GetAsync(id, actor, cancellationToken);
        var periods = schedule.Periods!.Where(p => p.State != "closed").ToDictionary(p => p.Id);
        if (periods.Count == 0) return [];
        var definition = await catalog.GetAsync(schedule.DefinitionId, schedule.DefinitionVersion, cancellationToken);
        return scheduler.Upcoming(periods.Keys)
            .Where(s => periods.ContainsKey(s.PeriodId))
            .Select(s => new UpcomingStep(s.PeriodId, periods[s.PeriodId].Label, s.Step,
                definition.Steps.TryGetValue(s.Step, out var step) ? step.Name : s.Step, s.At, VietnamTime.ToVietnamTime(s.At)))
            .OrderBy(s => s.At).ThenBy(s => s.PeriodLabel, StringComparer.Ordinal)
            .ToList();
    }
}
