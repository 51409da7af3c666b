using Microsoft.AspNetCore.Mvc;
using Workflows.Host.Ui;
using Workflows.Notifications;

namespace Workflows.Host.Pages;

/// <summary>
/// <c>/thong-bao</c>, in every user's own menu: turn on or off the email of a new task, the 07:00 digest of overdue
/// tasks and the notice of a school's late report (for the reports the user owns), through <see cref="NotificationPreferences"/> as <c>PUT /api/me/notifications</c> does.
/// </summary>
internal sealed class ThongBaoModel(NotificationPreferences preferences) : UiPage
{
    [BindProperty] public bool TaskMail { get; set; }
    [BindProperty] public bool OverdueDigest { get; set; }
    [BindProperty] public bool LateSubmission { get; set; }
    public bool Saved { get; private set; }

    public async Task OnGetAsync(string? xong, CancellationToken ct)
    {
        Saved = xong == "luu";
        var settings = await preferences.GetAsync(Actor, ct);
        (TaskMail, OverdueDigest, LateSubmission) = (settings.TaskMail, settings.OverdueDigest, settings.LateSubmission);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await preferences.SetAsync(Actor, new NotificationSettings(TaskMail, OverdueDigest, LateSubmission), ct);
        return Redirect("/thong-bao?xong=luu");
    }
}
