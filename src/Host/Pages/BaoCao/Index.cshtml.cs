using Workflows.Host.Ui;
using Workflows.Kernel;
using Workflows.Plans;
using Workflows.Reporting;
using Workflows.Reporting.Status;

namespace Workflows.Host.Pages.BaoCao;

/// <summary>
/// The reporting schedules of the user's body (the same rule as <c>GET /api/reporting/schedules</c>): grouped by the
/// plan they come from, then the standalone campaigns; each with its frequency, target, dates and periods.
/// </summary>
internal sealed class IndexModel(ReportingScheduleStore store, ReportingStatusQueries queries, PlanListQueries plans, TimeProvider clock) : UiPage
{
    /// <summary>Schedules grouped by plan (plan id, symbol, subject); the group with a null plan holds the standalone campaigns.</summary>
    public IReadOnlyList<(Guid? PlanId, string? Symbol, string? Subject, IReadOnlyList<ScheduleView> Schedules)> Groups { get; private set; } = [];

    /// <summary>Period counts and next due day per schedule.</summary>
    public IReadOnlyDictionary<Guid, (int Periods, int Open, DateOnly? NextDue)> Summary { get; private set; } =
        new Dictionary<Guid, (int, int, DateOnly?)>();

    /// <summary>True when the user may create a standalone campaign (<see cref="ReportCampaigns.MayCreate"/>, the rule the API applies).</summary>
    public bool MayCreate => ReportCampaigns.MayCreate(Actor);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var schedules = await store.ListAsync(Actor, null, ct);
        Summary = await queries.PeriodSummaryAsync(schedules.Select(s => s.Id).ToArray(), VietnamTime.Today(clock), ct);
        var subjects = await plans.SubjectsAsync(schedules.Where(s => s.PlanId is not null).Select(s => s.PlanId!.Value).Distinct().ToArray(), ct);
        Groups = schedules
            .GroupBy(s => s.PlanId)
            .OrderBy(g => g.Key is null ? 1 : 0)
            .Select(g => (g.Key, g.First().PlanSymbol, g.Key is { } id ? subjects.GetValueOrDefault(id) : null,
                (IReadOnlyList<ScheduleView>)g.OrderBy(s => s.DutyIndex).ThenBy(s => s.Title, StringComparer.Ordinal).ToList()))
            .ToList();
    }
}
