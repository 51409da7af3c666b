using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Host.Identity;
using Workflows.Host.Security;

namespace Workflows.Host.Pages;

/// <summary>
/// Sign-in with user name and password through <see cref="SignInService"/> (the API's use case): an unknown name and a
/// wrong password get the same sentence; repeated failures from one address make that address wait a growing delay.
/// </summary>
internal sealed class DangNhapModel(SignInService signIn) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName)) ModelState.AddModelError(nameof(UserName), "Cần nhập tên đăng nhập.");
        if (string.IsNullOrEmpty(Password)) ModelState.AddModelError(nameof(Password), "Cần nhập mật khẩu.");
        if (!ModelState.IsValid) return Page();
        var outcome = await signIn.SignInAsync(UserName!, Password!, ClientAddress.Of(HttpContext), HttpContext.RequestAborted);
        if (outcome.Kind == SignInKind.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/hop-thu");
        if (outcome.Kind == SignInKind.TooSoon) Response.Headers.RetryAfter = outcome.Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ModelState.AddModelError(nameof(Password), outcome.Message);
        Password = null;
        return Page();
    }
}
