using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workflows.Calendar;
using Workflows.Distribution;
using Workflows.Host.Ui;
using Workflows.Kernel;
using Workflows.Reporting;

namespace Workflows.Host.Pages.BaoCao;

/// <summary>
/// Creates a standalone report campaign (a schedule without a plan) through <see cref="ReportCampaigns"/>, as
/// <c>POST /api/reporting/schedules</c> does; at <c>/bao-cao/{id}/sua</c> the same form edits a schedule (a plan's or a
/// campaign's: due day, months, due date, dates, target group) through <see cref="ScheduleChanges.EditAsync"/>, as
/// <c>PUT /api/reporting/schedules/{id}</c> does. For those <see cref="ReportCampaigns.MayCreate"/> allows (else 403); the
/// planner's refusals are shown next to their field (a campaign whose deadlines have all passed is refused unless
/// "Ghi nhận kỳ đã quá hạn" is ticked). Dates are typed as dd/MM/yyyy (<see cref="VietnameseDate"/>).
/// </summary>
internal sealed class TaoDotModel(ReportCampaigns campaigns, ScheduleChanges changes, ReportingScheduleStore store, DirectoryStore directory,
    IOptions<ReportingOptions> options, TimeProvider clock) : UiPage
{
    /// <summary>The route that edits a schedule with this page.</summary>
    public const string EditRoute = "bao-cao/{id:guid}/sua";

    /// <summary>The schedule being edited; null when a campaign is being created.</summary>
    public Guid? EditId { get; private set; }

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
        public bool RecordPastPeriods { get; set; }
    }

    [BindProperty] public CampaignForm Form { get; set; } = new();

    /// <summary>The directory's groups to choose the target from.</summary>
    public IReadOnlyList<string> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (!MayCreate) return Forbid();
        EditId = id;
        if (id is { } scheduleId)
        {
            var schedule = await store.GetAsync(scheduleId, Actor, ct);
            var rule = schedule.Rule;
            Form = new CampaignForm
            {
                Title = schedule.Title, Frequency = schedule.Frequency.Replace('_', '-'),
                DueDay = rule.TryGetProperty("dueDay", out var day) && day.ValueKind == System.Text.Json.JsonValueKind.Number ? day.GetInt32() : null,
                Months = rule.TryGetProperty("months", out var months) && schedule.Frequency is not ("monthly" or "once")
                    ? string.Join(", ", months.EnumerateArray().Select(m => m.GetInt32())) : null,
                DueDate = rule.TryGetProperty("dueDate", out var due) && due.ValueKind == System.Text.Json.JsonValueKind.String
                    ? UiText.Date(DateOnly.Parse(due.GetString()!, CultureInfo.InvariantCulture)) : null,
                OpenDaysBeforeDue = rule.TryGetProperty("openDaysBeforeDue", out var open) ? open.GetInt32() : null,
                StartsOn = UiText.Date(schedule.StartsOn), EndsOn = UiText.Date(schedule.EndsOn),
                Target = schedule.Target.TryGetProperty("group", out var group) ? group.GetString() : null,
            };
        }
        else
        {
            var year = VietnamTime.Today(clock).Year;
            Form = new CampaignForm { StartsOn = $"01/01/{year}", EndsOn = $"31/12/{year}", Target = options.Value.DefaultTargetGroup };
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        if (!MayCreate) return Forbid();
        EditId = id;
        var input = new ScheduleInput
        {
            Title = Form.Title, Frequency = Form.Frequency, DueDay = Form.DueDay, OpenDaysBeforeDue = Form.OpenDaysBeforeDue,
            Months = ParseMonths(), DueDate = ParseDate(Form.DueDate, nameof(Form.DueDate)),
            StartsOn = ParseDate(Form.StartsOn, nameof(Form.StartsOn)), EndsOn = ParseDate(Form.EndsOn, nameof(Form.EndsOn)),
            Target = string.IsNullOrWhiteSpace(Form.Target) ? null : new ScheduleTargetInput(Group: Form.Target),
            RecordPastPeriods = Form.RecordPastPeriods,
        };
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        try
        {
            var schedule = id is { } scheduleId
                ? await changes.EditAsync(scheduleId, input, Actor, ct)
                : await campaigns.CreateAsync(input, Actor, ct);
            return Redirect($"/bao-cao/{schedule.Id}");
        }
        catch (WorkflowException e) when (ShowError(e, nameof(Form)))
        {
            await LoadAsync(ct);
            return Page();
        }
    }

    private bool MayCreate => ReportCampaigns.MayCreate(Actor);

    private async Task LoadAsync(CancellationToken ct) =>
        Groups = (await directory.ListAsync(null, "group", ct)).Select(g => g.Name).ToList();

    private DateOnly? ParseDate(string? text, string field)
    {
        if (VietnameseDate.TryParse(text, out var date)) return date;
        ModelState.AddModelError($"Form.{field}", VietnameseDate.Refusal);
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
