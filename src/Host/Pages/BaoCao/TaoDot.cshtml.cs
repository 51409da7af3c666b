using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workflows.Definitions;
using Workflows.Distribution;
using Workflows.Host.Ui;
using Workflows.Kernel;
using Workflows.Reporting;

namespace Workflows.Host.Pages.BaoCao;

/// <summary>
/// Creates a standalone report campaign (a schedule without a plan), as <c>POST /api/reporting/schedules</c> does: for a
/// Drafter, Clerk or Admin of the body (else 403); the planner's refusals are shown next to their field. Dates are typed
/// as dd/MM/yyyy (Vietnam civil dates).
/// </summary>
internal sealed class TaoDotModel(ReportingScheduleStore store, WorkflowDefinitionCatalog catalog, DirectoryStore directory,
    IOptions<ReportingOptions> options, TimeProvider clock) : UiPage
{
    /// <summary>The form's fields, named like the API's (so the planner's field names land next to them).</summary>
    internal sealed class CampaignForm
    {
        public string? Title { get; set; }
        public string Frequency { get; set; } = "monthly";
        public int? DueDay { get; set; }
        public string? Months { get; set; }
        public string? DueDate { get; set; }
        public string? StartsOn { get; set; }
        public string? EndsOn { get; set; }
        public string? Target { get; set; }
        public int? OpenDaysBeforeDue { get; set; }
    }

    /// <summary>Frequencies a campaign may take, with their Vietnamese names.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Frequencies =
        [("monthly", "Hằng tháng"), ("quarterly", "Hằng quý"), ("half-yearly", "6 tháng một lần"), ("yearly", "Hằng năm"), ("once", "Một lần")];

    [BindProperty] public CampaignForm Form { get; set; } = new();

    /// <summary>The directory's groups to choose the target from.</summary>
    public IReadOnlyList<string> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!MayCreate) return Forbid();
        var year = VietnamTime.Today(clock).Year;
        Form = new CampaignForm { StartsOn = $"01/01/{year}", EndsOn = $"31/12/{year}", Target = options.Value.DefaultTargetGroup };
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!MayCreate) return Forbid();
        var input = new ScheduleInput
        {
            Title = Form.Title, Frequency = Form.Frequency, DueDay = Form.DueDay, OpenDaysBeforeDue = Form.OpenDaysBeforeDue,
            Months = ParseMonths(), DueDate = ParseDate(Form.DueDate, nameof(Form.DueDate)),
            StartsOn = ParseDate(Form.StartsOn, nameof(Form.StartsOn)), EndsOn = ParseDate(Form.EndsOn, nameof(Form.EndsOn)),
            Target = string.IsNullOrWhiteSpace(Form.Target) ? null : new ScheduleTargetInput(Group: Form.Target),
        };
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        try
        {
            var definition = catalog.LatestOfKind(options.Value.DefinitionId, WorkflowDefinition.ReportSubmissionKind);
            var id = await store.CreateStandaloneAsync(input, definition, Actor, clock.GetUtcNow(), ct);
            return Redirect($"/bao-cao/{id}");
        }
        catch (WorkflowException e) when (ShowError(e, nameof(Form)))
        {
            await LoadAsync(ct);
            return Page();
        }
    }

    private bool MayCreate => Actor.IsIn(Roles.Drafter) || Actor.IsIn(Roles.Clerk) || Actor.IsIn(Roles.Admin);

    private async Task LoadAsync(CancellationToken ct) =>
        Groups = (await directory.ListAsync(null, "group", ct)).Select(g => g.Name).ToList();

    private DateOnly? ParseDate(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), ["dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        ModelState.AddModelError($"Form.{field}", "Ngày viết theo dạng ngày/tháng/năm, ví dụ 15/03/2026.");
        return null;
    }

    private IReadOnlyList<int>? ParseMonths()
    {
        if (string.IsNullOrWhiteSpace(Form.Months)) return null;
        var months = new List<int>();
        foreach (var part in Form.Months.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var m))
            {
                ModelState.AddModelError("Form.Months", "Ghi các tháng bằng số, cách nhau bởi dấu phẩy, ví dụ 6, 12.");
                return null;
            }
            months.Add(m);
        }
        return months;
    }
}
