using Microsoft.AspNetCore.Mvc;
using Workflows.Host.Ui;
using Workflows.Kernel;
using Workflows.Reporting;
using Workflows.Reporting.Status;
using Workflows.Reporting.Steps;

namespace Workflows.Host.Pages.BaoCao;

/// <summary>
/// One reporting schedule: its rule and periods, the schools × periods matrix with a legend in words (searched, filtered,
/// ordered and paged by PostgreSQL, <see cref="MatrixPages"/>), the overdue list
/// and the CSV download, the upcoming steps with their instants in Vietnam time read from the scheduler's jobs, and the
/// cancellation (<see cref="ScheduleChanges.CancelAsync"/>, as <c>POST /api/reporting/schedules/{id}/cancel</c>). Same rule
/// as <c>GET /api/reporting/schedules/{id}/status</c>: a schedule of another body gives 403.
/// </summary>
internal sealed class ChiTietModel(MatrixPages matrix, UpcomingSteps upcoming, ScheduleChanges changes,
    ReportingProgress progress, TimeProvider clock) : UiPage
{
    /// <summary>The progress of each opened period (request emails and submissions), refreshed by itself on the page.</summary>
    public ProgressPanel? Progress { get; private set; }

    /// <summary>What the last action did, in words.</summary>
    public string? Done { get; private set; }

    /// <summary>The pending steps of the schedule, earliest first.</summary>
    public IReadOnlyList<UpcomingStep> Steps { get; private set; } = [];

    /// <summary>Whether the signed-in person may edit or cancel the schedule (and it is still active).</summary>
    public bool MayChange { get; private set; }

    /// <summary>Why the schedule is cancelled, as the form sends it.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    public ScheduleView Schedule => Matrix.Schedule;

    /// <summary>The page of the matrix shown, with the counts, the overdue pairs and the chart's instants of every school.</summary>
    public MatrixPage Matrix { get; private set; } = null!;

    /// <summary>The period shown first in the summary: the open one with the nearest deadline, else the last one that opened.</summary>
    public PeriodView? Current => Matrix.Current;

    public DateTimeOffset Now { get; private set; }

    /// <summary>Overdue (school, period) pairs listed at most; the others are found in the matrix filtered by state.</summary>
    public const int OverdueShown = MatrixPages.OverdueRead;

    /// <summary>The matrix filtered to the schools overdue in the current period.</summary>
    public string OverdueLink => $"/bao-cao/{Schedule.Id}?tinh-trang=overdue#ma-tran-h";

    /// <summary>Schools per page of the matrix.</summary>
    public const int PageSize = MatrixQuery.DefaultPageSize;

    /// <summary>Words to find in the schools' names.</summary>
    [BindProperty(SupportsGet = true, Name = "truong")] public string? Truong { get; set; }

    /// <summary>A cell state (<c>on_time</c>, <c>late</c>, <c>missing</c>, <c>overdue</c>…) the school has in the current period.</summary>
    [BindProperty(SupportsGet = true, Name = "tinh-trang")] public string? TinhTrang { get; set; }

    [BindProperty(SupportsGet = true, Name = "trang")] public int Trang { get; set; } = 1;

    public int Pages => Matrix.Pages;

    /// <summary>The link to this page with the same search, at matrix page <paramref name="page"/>.</summary>
    public string Link(int page) => $"/bao-cao/{Schedule.Id}" + QueryString.Create(new Dictionary<string, string?>
    {
        ["truong"] = Truong, ["tinh-trang"] = TinhTrang,
        ["trang"] = page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent() + "#ma-tran-h";

    public async Task OnGetAsync(Guid id, string? xong, CancellationToken ct)
    {
        Done = xong == "gui-lai" ? "Đã xếp thư yêu cầu vào hàng gửi lại." : null;
        Now = clock.GetUtcNow();
        // The matrix first: it refuses another body's schedule (403) before anything else is read.
        Matrix = await matrix.PageAsync(id, Actor, Now, new MatrixQuery(Truong, TinhTrang, Trang, PageSize), ct);
        Trang = Matrix.Page;
        Steps = await upcoming.ListAsync(id, Actor, ct);
        MayChange = Schedule.Status == "active" && ScheduleChanges.MayChange(Actor);
        Progress = new ProgressPanel(id, ScheduleChanges.MayChange(Actor), await progress.PeriodsAsync(id, Actor, ct));
    }

    /// <summary>The progress panel alone, as it asks for itself every few seconds (htmx).</summary>
    public async Task<IActionResult> OnGetTienDoAsync(Guid id, CancellationToken ct)
    {
        var periods = await progress.PeriodsAsync(id, Actor, ct);
        Response.Headers.CacheControl = "no-store";
        return Partial("_TienDo", new ProgressPanel(id, ScheduleChanges.MayChange(Actor), periods));
    }

    /// <summary>Sends again the failed request email of one school (as <c>POST /api/reporting/requests/{id}/resend</c>).</summary>
    public async Task<IActionResult> OnPostGuiLaiAsync(Guid id, Guid requestId, CancellationToken ct)
    {
        await progress.ResendAsync(requestId, Actor, clock.GetUtcNow(), ct);
        return Redirect($"/bao-cao/{id}?xong=gui-lai#tien-do");
    }

    /// <summary>Cancels the schedule, then shows it again.</summary>
    public async Task<IActionResult> OnPostHuyAsync(Guid id, CancellationToken ct)
    {
        await changes.CancelAsync(id, Reason, Actor, ct);
        return RedirectToPage(new { id });
    }

    /// <summary>How many schools are in each state for <paramref name="period"/>.</summary>
    public IReadOnlyList<(string State, int Count)> CountsFor(PeriodView period) =>
        ReportingText.Legend.Select(l => (l.State, Matrix.Count(period, l.State))).Where(c => c.Item2 > 0).ToList();
}
