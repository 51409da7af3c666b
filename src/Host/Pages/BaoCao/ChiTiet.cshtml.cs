using Workflows.Host.Ui;
using Workflows.Reporting;
using Workflows.Reporting.Status;

namespace Workflows.Host.Pages.BaoCao;

/// <summary>
/// One reporting schedule: its rule and periods, the schools × periods matrix with a legend in words, the overdue list
/// and the CSV download. Same rule as <c>GET /api/reporting/schedules/{id}/status</c>: a schedule of another body gives 403.
/// </summary>
internal sealed class ChiTietModel(ReportingScheduleStore store, ReportingStatusQueries queries, TimeProvider clock) : UiPage
{
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
    }

    /// <summary>How many schools are in each state for <paramref name="period"/>.</summary>
    public IReadOnlyList<(string State, int Count)> CountsFor(PeriodView period)
    {
        var index = Matrix.Periods.ToList().IndexOf(period);
        return ReportingText.Legend.Select(l => (l.State, Matrix.Schools.Count(s => s.Cells[index].State == l.State))).Where(c => c.Item2 > 0).ToList();
    }
}
