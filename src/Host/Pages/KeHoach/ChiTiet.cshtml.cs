using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workflows.Definitions;
using Workflows.Distribution;
using Workflows.Engine;
using Workflows.Host.Ui;
using Workflows.Issuance;
using Workflows.Kernel;
using Workflows.Organisation;
using Workflows.Plans;
using Workflows.Plans.Documents;

namespace Workflows.Host.Pages.KeHoach;

/// <summary>
/// One plan: the document in the Nghị định 30/2020 layout, the history of every round, and what the user may do on
/// it — review (approve, return with a comment), sign (choosing the signing form), reject (confirmed), or, for the
/// clerk, the number that will be given, the Nơi nhận resolution, release and the delivery of every message.
/// A user of another body gets 403 (the plan store refuses).
/// </summary>
internal sealed class ChiTietModel(
    PlanStore store, WorkflowEngine engine, InstanceQueries instances, IssuanceQueries issuance, PlanRecipients recipients, DirectoryStore directory,
    DeliveryStore deliveries, IOptions<OrganisationOptions> organisation, TimeProvider clock,
    Workflows.Reporting.ReportingScheduleStore schedules, Workflows.Reporting.PlanDuties duties, ReleaseRecipients released,
    Workflows.Definitions.Diagrams.WorkflowDiagrams diagrams, Workflows.Host.Identity.PeopleNames people,
    Workflows.Distribution.Receipts.ReleaseReceipts receipts, PlanRecalls recalls) : UiPage
{
    /// <summary>The plan's workflow diagram (inline SVG): steps done, path taken, current step marked.</summary>
    public string Diagram { get; private set; } = "";

    public PlanRecord Plan { get; private set; } = null!;
    public PlanDocument Document { get; private set; } = null!;
    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];

    /// <summary>Every round of the plan's parallel consultations, newest first, each branch with its unit, who, answer and comment; empty when it had none.</summary>
    public IReadOnlyList<Consultation> Consultations { get; private set; } = [];

    /// <summary>The plan's workflow definition (step names and outcome labels of its history), null when it has none yet.</summary>
    public WorkflowDefinition? Definition { get; private set; }

    /// <summary>The people of the history and the drafter, by login name: "Trần Nam Hải, Trưởng phòng".</summary>
    public IReadOnlyDictionary<string, string> People { get; private set; } = new Dictionary<string, string>();
    /// <summary>The task the user may act on here; on a signing step it carries the signing forms the policy gives them.</summary>
    public HumanTaskView? OpenTask { get; private set; }

    /// <summary>A task of the user's role on this plan that someone else has claimed (shown taken, without actions); null otherwise.</summary>
    public HumanTaskView? TakenTask { get; private set; }

    /// <summary>Claims the open task (Nhận xử lý); someone faster gets the page with the holder named.</summary>
    public async Task<IActionResult> OnPostNhanAsync(Guid id, Guid taskId, CancellationToken ct)
    {
        try
        {
            await engine.ClaimAsync(taskId, Actor, ct);
        }
        catch (WorkflowException e) when (e.Kind is ErrorKind.Conflict)
        {
            await LoadAsync(id, ct);
            Error = ("claim", "", e.Message);
            return Page();
        }
        return Redirect($"/ke-hoach/{id}?xong=nhan");
    }

    /// <summary>Gives a claimed task back to the role's queue (Trả về hàng chờ).</summary>
    public async Task<IActionResult> OnPostTraVeAsync(Guid id, Guid taskId, CancellationToken ct)
    {
        await engine.ReleaseAsync(taskId, Actor, ct);
        return Redirect($"/ke-hoach/{id}?xong=tra-ve");
    }
    public StepDefinition? Step { get; private set; }
    public string? NextSymbol { get; private set; }
    public IReadOnlyList<LineResolution>? Lines { get; private set; }

    /// <summary>For the clerk before release: the directory pick of each line that blocks release, by line index.</summary>
    public IReadOnlyDictionary<int, DirectoryPick> Picks { get; private set; } = new Dictionary<int, DirectoryPick>();

    /// <summary>For the clerk of a released plan: the directory pick of a "gửi bổ sung"; null otherwise.</summary>
    public DirectoryPick? SupplementaryPick { get; private set; }

    /// <summary>For the clerk before release: the directory pick of each incomplete duty whose reporter the directory could not resolve, by duty index.</summary>
    public IReadOnlyDictionary<int, DirectoryPick> ReporterPicks { get; private set; } = new Dictionary<int, DirectoryPick>();

    /// <summary>The pick searched without script (<c>?chon=</c>: <c>dong-{line}</c>, <c>bo-sung</c> or <c>nv-{duty}</c>), with <see cref="SearchText"/>.</summary>
    [BindProperty(SupportsGet = true, Name = "chon")] public string? SearchPick { get; set; }

    /// <summary>The Nơi nhận line searched without script in the earlier address <c>?dong=</c>: the pick <c>dong-{line}</c>.</summary>
    [BindProperty(SupportsGet = true, Name = "dong")] public int? SearchLine { get; set; }

    /// <summary>The words searched for the pick of <see cref="SearchPick"/> (<c>?tim=</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "tim")] public string? SearchText { get; set; }

    /// <summary>For a released (or recalled) plan: each recipient's message and receipt, with the counts (the delivery panel).</summary>
    public DeliveryPanel? Delivery { get; private set; }

    /// <summary>For a released plan: the recipient list frozen at release, plus the clerk's supplementary sends.</summary>
    public IReadOnlyList<SentRecipient>? Sent { get; private set; }

    /// <summary>For the clerk of a released plan: entries today's directory resolves the Nơi nhận to that never received it.</summary>
    public IReadOnlyList<DirectoryEntry> LateAdditions { get; private set; } = [];
    public string? Done { get; private set; }

    /// <summary>The reporting schedules of a released plan (its reporting duties), else null.</summary>
    public IReadOnlyList<Workflows.Reporting.ScheduleView>? Schedules { get; private set; }

    /// <summary>For a released plan: the reminders its own units' duties get (nhắc việc), by due time.</summary>
    public IReadOnlyList<DeliveryStore.Delivery> Reminders { get; private set; } = [];

    /// <summary>For the clerk before release: each reporting duty as release will see it (ready, skipped, incomplete).</summary>
    public IReadOnlyList<Workflows.Reporting.DutyCheck>? Duties { get; private set; }

    /// <summary>The plan's recall (thu hồi) or replacement, once recalled.</summary>
    public RecallView? Recall { get; private set; }

    /// <summary>True when the user may recall this released plan (the Signer of its body).</summary>
    public bool MayRecall { get; private set; }

    /// <summary>For the recall form: the released plans of the body that may replace this one.</summary>
    public IReadOnlyList<(Guid Id, string Symbol, string Subject)> ReplacementCandidates { get; private set; } = [];

    /// <summary>The signature the signer is asked to confirm (the chosen form, its signer block and the signer's name), else null.</summary>
    public SigningOption? SignatureToConfirm { get; private set; }

    /// <summary>The outcome whose form failed, the field and the message shown next to it.</summary>
    public (string Outcome, string Field, string Message)? Error { get; private set; }

    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public string? SigningForm { get; set; }
    [BindProperty] public bool Confirm { get; set; }

    /// <summary>True when the user numbers and releases plans (<see cref="ReleaseQueue.MayRelease"/>): before release they see the Nơi nhận resolution and the duties check.</summary>
    public bool MayRelease => ReleaseQueue.MayRelease(Actor);

    /// <summary>True when the user may resolve a Nơi nhận line (<see cref="PlanRecipients.MayChoose"/>); the pick is offered while their release task is open.</summary>
    public bool MayChooseRecipients => PlanRecipients.MayChoose(Actor);

    /// <summary>True when the user may send a released plan to an entry its list lacks (<see cref="ReleaseRecipients.MaySendSupplementary"/>).</summary>
    public bool MaySendSupplementary => ReleaseRecipients.MaySendSupplementary(Actor);

    public async Task OnGetAsync(Guid id, string? xong, CancellationToken ct)
    {
        Done = xong switch
        {
            "trinh" => "Đã trình kế hoạch.",
            "approve" or "dong-y" => "Đã đồng ý, trình ký.",
            "ky" => "Đã ký ban hành.",
            "phat-hanh" => "Đã cấp số và phát hành.",
            "return" => "Đã trả lại kế hoạch cho chuyên viên.",
            "reject" => "Đã ghi: không ban hành kế hoạch.",
            "chon" => "Đã chọn người nhận cho dòng Nơi nhận.",
            "nhan" => "Đã nhận xử lý; người khác cùng vai trò thấy việc này đã có người nhận.",
            "tra-ve" => "Đã trả công việc về hàng chờ.",
            "agree" => "Đã ghi ý kiến đồng ý.",
            "gui-lai" => "Đã xếp thư vào hàng gửi lại.",
            "nhiem-vu" => "Đã hoàn thiện nhiệm vụ báo cáo.",
            "bo-sung" => "Đã xếp thư gửi bổ sung vào hàng gửi.",
            "thu-hoi" => "Đã thu hồi kế hoạch: thư thông báo đã xếp vào hàng gửi, các lịch báo cáo đã dừng.",
            _ => null,
        };
        await LoadAsync(id, ct);
        if (xong == "phat-hanh" && Plan.Symbol is { } symbol)
            Done = $"Đã cấp số {symbol} và phát hành đến {Sent?.Where(r => r.Address is not null).Select(r => r.Address).Distinct().Count() ?? 0} nơi.";
    }

    /// <summary>The delivery panel alone, as the panel asks for itself every few seconds (htmx).</summary>
    public async Task<IActionResult> OnGetGiaoNhanAsync(Guid id, CancellationToken ct)
    {
        var query = DeliveryPanel.QueryOf(Request.Query);
        var progress = await receipts.ProgressAsync(id, Actor, query, ct);
        Response.Headers.CacheControl = "no-store";
        return Partial("_GiaoNhan", new DeliveryPanel(id, DeliveryStore.MayResend(Actor), progress, query));
    }

    public async Task<IActionResult> OnPostXuLyAsync(Guid id, Guid taskId, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (OpenTask is null || OpenTask.Id != taskId || Step is null) return StatusCode(StatusCodes.Status409Conflict);
        var outcome = Outcome ?? "";
        // The outcome, its comment and the signing form are the engine's rules; only the confirmation is the page's own.
        if (outcome == "reject" && !Confirm)
        {
            Error = (outcome, "confirm", "Đánh dấu ô xác nhận để không ban hành kế hoạch.");
            return Page();
        }
        var signing = Step.Signing && outcome == Step.Outcomes.Keys.First();
        if (signing && !Confirm)
        {
            // Signing is asked twice: the page repeats the form, the signer block and the name before the signature is recorded.
            var form = string.IsNullOrEmpty(SigningForm) ? OpenTask.SigningForms.FirstOrDefault()?.Form : SigningForm;
            SignatureToConfirm = OpenTask.SigningForms.FirstOrDefault(o => o.Form == form);
            if (SignatureToConfirm is null) Error = (outcome, "signingForm", "Chọn hình thức ký trong danh sách.");
            return Page();
        }
        try
        {
            await engine.CompleteAsync(taskId, outcome, Comment, Step.Signing ? SigningForm : null, Actor, ct);
        }
        catch (WorkflowException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.Conflict)
        {
            await LoadAsync(id, ct);
            Error = (outcome, e.Field ?? "", e.Message);
            return Page();
        }
        var done = outcome switch
        {
            _ when signing => "ky",
            _ when ReleaseQueue.IsReleaseStep(Step) && outcome == Step.Outcomes.Keys.First() => "phat-hanh",
            "approve" => "dong-y",
            _ => outcome,
        };
        return Redirect($"/ke-hoach/{id}?xong={Uri.EscapeDataString(done)}");
    }

    /// <summary>
    /// The results of pick <paramref name="chon"/> (<see cref="DirectoryPick"/>: <c>dong-{line}</c>, <c>bo-sung</c>,
    /// <c>nv-{duty}</c>; or Nơi nhận line <paramref name="dong"/>) for the words <paramref name="tim"/>, as the clerk types
    /// (htmx): the <see cref="DirectoryPick.Size"/> best matching directory entries (as
    /// <c>GET /api/directory/search?q=&amp;sort=phu-hop</c>), or, without words, what the pick offers before any search.
    /// </summary>
    public async Task<IActionResult> OnGetDanhBaAsync(Guid id, string? chon, int? dong, string? tim, CancellationToken ct)
    {
        var plan = await store.GetAsync(id, Actor, ct);
        var key = chon ?? (dong is { } line ? $"dong-{line}" : "");
        Response.Headers.CacheControl = "no-store";
        return Partial("_ChonDanhBa", await PickAsync(plan, key, tim, null, ct) ?? throw WorkflowException.NotFound($"Ô chọn danh bạ “{key}”"));
    }

    /// <summary>
    /// Pick <paramref name="key"/> of <paramref name="plan"/> for the words <paramref name="text"/> (a search of the
    /// directory's stored key); null when the plan has no such line or duty. Without words a Nơi nhận line offers the
    /// entries it partly matches (<paramref name="lines"/>, or resolving it, which reads the directory), the other picks nothing yet.
    /// </summary>
    private async Task<DirectoryPick?> PickAsync(PlanRecord plan, string key, string? text, IReadOnlyList<LineResolution>? lines, CancellationToken ct)
    {
        var (items, total) = string.IsNullOrWhiteSpace(text) ? ([], 0) : await FindAsync(text, ct);
        var words = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (key == DirectoryPick.Supplementary) return DirectoryPick.ForSupplementary(plan.Id, words, items, total);
        if (key.StartsWith("nv-", StringComparison.Ordinal) && int.TryParse(key[3..], System.Globalization.CultureInfo.InvariantCulture, out var duty)
            && duty >= 0 && duty < plan.Fields.ReportingDuties.Count)
            return DirectoryPick.ForReporter(plan.Id, duty, plan.Fields.ReportingDuties[duty].Reporter, words, items, total);
        if (!key.StartsWith("dong-", StringComparison.Ordinal) || !int.TryParse(key[5..], System.Globalization.CultureInfo.InvariantCulture, out var index)) return null;
        var written = RecipientLine.FromFields(plan.Fields).FirstOrDefault(l => l.Index == index);
        if (written is null) return null;
        if (words is not null) return DirectoryPick.ForLine(plan.Id, index, written.Text, words, items, total);
        var line = (lines ?? await recipients.ResolveAsync(plan.Id, plan.Fields, ct)).Single(l => l.Index == index);
        return DirectoryPick.ForLine(plan.Id, index, line.Text, null, line.Candidates, line.Candidates.Count);
    }

    /// <summary>The directory search every pick makes: the words' <see cref="DirectoryPick.Size"/> best matches and how many match.</summary>
    private async Task<(IReadOnlyList<DirectoryEntry> Items, int Total)> FindAsync(string text, CancellationToken ct)
    {
        var found = await directory.SearchAsync(new DirectorySearch(text, null, DirectorySearch.BestMatch, 1, DirectoryPick.Size), ct);
        return (found.Items, found.Total);
    }

    /// <summary>The words searched without script for pick <paramref name="key"/>, else null.</summary>
    private string? WordsFor(string key) => key == (SearchPick ?? (SearchLine is { } line ? $"dong-{line}" : null)) ? SearchText : null;

    public async Task<IActionResult> OnPostChonAsync(Guid id, int lineIndex, Guid? entryId, CancellationToken ct)
    {
        try
        {
            await recipients.ChooseAsync(id, lineIndex, entryId, Actor, clock.GetUtcNow(), ct);
        }
        catch (WorkflowException e) when (e.Kind is ErrorKind.Invalid)
        {
            await LoadAsync(id, ct);
            Error = ($"line-{lineIndex}", "entryId", e.Message);
            if (Picks.GetValueOrDefault(lineIndex) is { } pick) Picks = new Dictionary<int, DirectoryPick>(Picks) { [lineIndex] = pick with { Error = e.Message } };
            return Page();
        }
        return Redirect($"/ke-hoach/{id}?xong=chon#noi-nhan");
    }

    public async Task<IActionResult> OnPostGuiLaiAsync(Guid id, Guid deliveryId, CancellationToken ct)
    {
        await deliveries.ResendAsync(id, deliveryId, Actor, clock.GetUtcNow(), ct);
        return Redirect($"/ke-hoach/{id}?xong=gui-lai#gui-thu");
    }

    /// <summary>The clerk's "gửi bổ sung" of the released plan to one directory entry (as <c>POST /api/plans/{id}/release-recipients</c>).</summary>
    public async Task<IActionResult> OnPostGuiBoSungAsync(Guid id, Guid? entryId, CancellationToken ct)
    {
        try
        {
            await released.SendSupplementaryAsync(id, entryId, Actor, clock.GetUtcNow(), ct);
        }
        catch (WorkflowException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.Conflict)
        {
            await LoadAsync(id, ct);
            Error = ("bo-sung", "entryId", e.Message);
            return Page();
        }
        return Redirect($"/ke-hoach/{id}?xong=bo-sung#noi-nhan");
    }

    /// <summary>
    /// The head recalls the released plan, or replaces it by another released plan (as <c>POST /api/plans/{id}/recall</c>).
    /// </summary>
    public async Task<IActionResult> OnPostThuHoiAsync(Guid id, string? reason, Guid? replacedBy, CancellationToken ct)
    {
        try
        {
            await recalls.RecallAsync(id, new RecallInput(reason, replacedBy), Actor, clock.GetUtcNow(), ct);
        }
        catch (WorkflowException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.Conflict)
        {
            await LoadAsync(id, ct);
            Error = ("thu-hoi", e.Field ?? "", e.Message);
            return Page();
        }
        return Redirect($"/ke-hoach/{id}?xong=thu-hoi#thu-hoi");
    }

    /// <summary>
    /// The clerk completes reporting duty <paramref name="index"/> before release (as <c>PUT /api/reporting/plans/{id}/duties/{index}</c>):
    /// its frequency and due day (or due date for a one-off report, dd/MM/yyyy), the directory entry its reporter stands for
    /// (when the directory could not resolve it), or no schedule at all; fields left empty and the rest of the duty are kept.
    /// </summary>
    public async Task<IActionResult> OnPostNhiemVuAsync(Guid id, int index, string? frequency, int? dueDay, string? dueDate, bool noSchedule,
        Guid? reporterEntryId, CancellationToken ct)
    {
        var plan = await store.GetAsync(id, Actor, ct);
        try
        {
            var duty = index >= 0 && index < plan.Fields.ReportingDuties.Count
                ? plan.Fields.ReportingDuties[index] : new Workflows.Kernel.Plans.ReportingDuty(null, null, null, null, null, null, null);
            if (noSchedule) duty = duty with { Schedule = false };
            else
            {
                var date = Workflows.Calendar.VietnameseDate.Parse(dueDate, $"reportingDuties[{index}].dueDate");
                var chosen = string.IsNullOrWhiteSpace(frequency) ? (Workflows.Kernel.Plans.ReportingFrequency?)null
                    : Workflows.Kernel.Plans.ReportingFrequencies.Parse(frequency)
                        ?? throw WorkflowException.Invalid($"reportingDuties[{index}].frequency", "Chọn tần suất báo cáo trong danh sách.");
                duty = duty with
                {
                    Schedule = null, Frequency = chosen ?? duty.Frequency, DueDay = dueDay ?? duty.DueDay, DueDate = date ?? duty.DueDate,
                    Target = reporterEntryId is { } entry ? new Workflows.Kernel.Plans.ReportingTarget(EntryIds: [entry]) : duty.Target,
                };
            }
            await duties.CompleteAsync(id, index, duty, Actor, clock.GetUtcNow(), ct);
        }
        catch (WorkflowException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.Conflict)
        {
            await LoadAsync(id, ct);
            var field = e.Field is { } f && f.LastIndexOf('.') is var dot and > 0 ? f[(dot + 1)..] : "";
            Error = ($"duty-{index}", field switch
            {
                "frequency" or "dueDay" or "dueDate" or "reporter" => field,
                "target" => "reporter",
                _ => "duty",
            }, e.Message);
            return Page();
        }
        return Redirect($"/ke-hoach/{id}?xong=nhiem-vu#nhiem-vu");
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Plan = await store.GetAsync(id, Actor, ct);
        var body = organisation.Value.IssuingBodies.FirstOrDefault(b => b.Code == Plan.BodyCode);
        Document = PlanDocument.From(Plan, body);
        History = await store.HistoryAsync(id, ct);
        Definition = await instances.DefinitionOfPlanAsync(id, ct);
        Diagram = await diagrams.PlanAsync(id, Actor, ct);
        Consultations = await instances.ConsultationsAsync(id, ct);
        var tasks = (await engine.OpenTasksAsync(Actor, ct)).Where(t => t.PlanId == id && !t.OnDraftForm).ToList();
        OpenTask = tasks.FirstOrDefault(t => t.Assignee is null || t.Assignee == Actor.UserName);
        TakenTask = OpenTask is null ? tasks.FirstOrDefault() : null;
        if (OpenTask is not null)
        {
            Step = Definition?.Steps.GetValueOrDefault(OpenTask.Step);
            // A branch of a parallel step (consultation) is answered agree or return, not by the step's own outcomes.
            if (Step is { Kind: StepKind.Parallel } parallel) Step = parallel with { Outcomes = ParallelJoin.BranchOutcomes(parallel.Id) };
        }
        if (OpenTask is { } open && ReleaseQueue.IsReleaseTask(open)) NextSymbol = await issuance.NextSymbolAsync(Plan.BodyCode, Plan.DocumentType, ct);
        if (Plan.Status is PlanStatus.Released or PlanStatus.Recalled)
        {
            Sent = await released.ListAsync(id, Actor, ct);
            if (MaySendSupplementary)
            {
                LateAdditions = await released.LateAdditionsAsync(id, Actor, ct);
                SupplementaryPick = await PickAsync(Plan, DirectoryPick.Supplementary, WordsFor(DirectoryPick.Supplementary), null, ct);
            }
        }
        else if (MayRelease && Plan.Status is PlanStatus.Signed or PlanStatus.Issued)
        {
            Lines = await recipients.ResolveAsync(id, Plan.Fields, ct);
            if (MayChooseRecipients && OpenTask is not null)
            {
                var picks = new Dictionary<int, DirectoryPick>();
                foreach (var line in Lines.Where(l => l.Blocks))
                    picks[line.Index] = (await PickAsync(Plan, $"dong-{line.Index}", WordsFor($"dong-{line.Index}"), Lines, ct))!;
                Picks = picks;
            }
        }
        if (Plan.Status is PlanStatus.Released or PlanStatus.Recalled) Delivery = new DeliveryPanel(id, DeliveryStore.MayResend(Actor), await receipts.ProgressAsync(id, Actor, DeliveryPanel.QueryOf(Request.Query), ct), DeliveryPanel.QueryOf(Request.Query));
        People = await people.NamesAsync(History.Select(h => h.Who).Append(Plan.CreatedBy).Concat((Sent ?? []).Select(r => r.AddedBy))
            .Concat(Consultations.SelectMany(c => c.Branches).SelectMany(b => new[] { b.Who, b.OnBehalfOf }).OfType<string>())
            .Concat(TakenTask?.Assignee is { } holder ? [holder] : []), ct);
        if (Plan.Status is PlanStatus.Released or PlanStatus.Recalled)
        {
            Schedules = await schedules.ListAsync(Actor, id, ct);
            Reminders = await deliveries.RemindersAsync(id, Actor, ct);
        }
        if (Plan.Status == PlanStatus.Recalled) Recall = await recalls.GetAsync(id, Actor, ct);
        MayRecall = Plan.Status == PlanStatus.Released && PlanRecalls.MayRecall(Actor);
        if (MayRecall) ReplacementCandidates = await recalls.ReplacementCandidatesAsync(id, Actor, ct);
        else if (MayRelease && Plan.Status is PlanStatus.Signed or PlanStatus.Issued)
        {
            Duties = await duties.CheckAsync(id, Actor, clock.GetUtcNow(), ct);
            var reporterPicks = new Dictionary<int, DirectoryPick>();
            foreach (var duty in Duties.Where(d => d.Field is { } f && (f.EndsWith(".reporter", StringComparison.Ordinal) || f.EndsWith(".target", StringComparison.Ordinal))))
                reporterPicks[duty.Index] = (await PickAsync(Plan, $"nv-{duty.Index}", WordsFor($"nv-{duty.Index}"), null, ct))!;
            ReporterPicks = reporterPicks;
        }
    }
}
