using Microsoft.AspNetCore.Mvc;
using Workflows.Host.Identity;
using Workflows.Host.Security;
using Workflows.Host.Ui;
using Workflows.Kernel;

namespace Workflows.Host.Pages;

/// <summary>
/// "Đổi mật khẩu", reached from the user menu: the current password, the new one and the new one again, through
/// <see cref="PasswordChanges"/> (as <c>POST /api/account/password</c>); each refusal next to its field in Vietnamese,
/// repeated wrong current passwords make this address wait like wrong sign-ins. The form carries an antiforgery token.
/// </summary>
internal sealed class DoiMatKhauModel(PasswordChanges changes) : UiPage
{
    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }

    /// <summary><c>1</c> after a change (<c>?xong=1</c>; a <see cref="bool"/> would not bind from "1").</summary>
    [BindProperty(SupportsGet = true, Name = "xong")] public string? Xong { get; set; }

    /// <summary>True after a change: the page says it was done.</summary>
    public bool Done => Xong == "1";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var outcome = await changes.ChangeAsync(Actor, new PasswordChangeInput(CurrentPassword, NewPassword, ConfirmPassword), ClientAddress.Of(HttpContext), ct);
            if (outcome.Changed) return Redirect("/doi-mat-khau?xong=1");
            Response.Headers.RetryAfter = outcome.Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            ModelState.AddModelError(nameof(CurrentPassword), outcome.Message);
        }
        catch (WorkflowException e) when (ShowError(e))
        {
        }
        Xong = null;
        return Page();
    }
}
