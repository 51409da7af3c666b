using Microsoft.AspNetCore.Mvc;
using Workflows.Host.Ui;
using Workflows.Kernel;
using Workflows.Reporting;
using Workflows.Reporting.Status;
using Workflows.Reporting.Steps;

namespace Workflows.Host.Pages.BaoCao;

/// <summary>
/// One reporting schedule: its rule and periods, the schools × periods matrix with a legend in words, the overdue list
/// and the CSV download, the upcoming steps with their instants in Vietnam time read from the scheduler's jobs, and the
/// cancellation (<see cref="ScheduleChanges.CancelAsync"/>, as <c>POST /api/reporting/schedules/{id}/cancel</c>). Same rule
/// as <c>GET /api/reporting/schedules/{id}/status</c>: a schedule of another body gives 403.
/// </summary>
internal sealed class ChiTietModel(ReportingScheduleStore store, ReportingStatusQueries queries, UpcomingSteps upcoming, ScheduleChanges changes,
    TimeProvider clock) : UiPage
{
    /// <summary>The pending steps of the schedule, earliest first.</summary>
    public IReadOnlyList<UpcomingStep> Steps { get; private set; } = [];

    /// <summary>Whether the signed-in person may edit or cancel the schedule (and it is still active).</summary>
    public bool MayChange { get; private set; }

    /// <summary>Why the schedule is cancelled, as the form sends it.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    public ScheduleView Schedule { get; private set; } = null!;
    public StatusMatrix Matrix { get; private set; } = null!;
    public IReadOnlyDictionary<(Guid PeriodId, Guid EntryId), (Guid RequestId, bool Revoked)> Requests { get; private set; } =
        new Dictionary<(Guid, Guid), (Guid, bool)>();

    /// <summary>Every (school, period) past its deadline with nothing submitted, latest period first.</summary>
    public IReadOnlyList<(StatusRow School, PeriodView Period)> Overdue { get; private set; } = [];

    /// <summary>The period shown first in the summary: the open one with the nearest deadline, else the last one that opened.</summary>
    public PeriodView? Current { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        // The matrix first: it refuses another body's schedule (403) before anything else is read.
        Matrix = await store.StatusAsync(id, Actor, Now, ct);
        Schedule = await store.GetAsync(id, Actor, ct);
        Requests = await queries.RequestsAsync(id, ct);
        var periods = Matrix.Periods.Select((p, i) => (p, i)).ToList();
        Overdue = periods.OrderByDescending(x => x.p.DueOn)
            .SelectMany(x => Matrix.Schools.Where(s => s.Cells[x.i].State == "overdue").Select(s => (s, x.p)))
            .ToList();
        Current = Matrix.Periods.Where(p => p.State == "open").OrderBy(p => p.Deadline).FirstOrDefault()
            ?? Matrix.Periods.Where(p => p.OpensAt <= Now).OrderByDescending(p => p.OpensAt).FirstOrDefault();
        Steps = await upcoming.ListAsync(id, Actor, ct);
        MayChange = Schedule.Status == "active" && ScheduleChanges.MayChange(Actor);
    }

    /// <summary>Cancels the schedule, then shows it again.</summary>
    public async Task<IActionResult> OnPostHuyAsync(Guid id, CancellationToken ct)
    {
        await changes.CancelAsync(id, Reason, Actor, ct);
        return RedirectToPage(new { id });
    }

    /// <summary>How many schools are in each state for <paramref name="period"/>.</summary>
    public IReadOnlyList<(string State, int Count)> CountsFor(PeriodView period)
    {
        var index = Matrix.Periods.ToList().IndexOf(period);
        return ReportingText.Legend.Select(l => (l.State, Matrix.Schools.Count(s => s.Cells[index].State == l.State))).Where(c => c.Item2 > 0).ToList();
    }
}
