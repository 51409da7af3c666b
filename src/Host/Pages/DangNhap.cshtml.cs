using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflows.Host.Identity;

namespace Workflows.Host.Pages;

/// <summary>Sign-in with user name and password (Identity cookie); 5 failures lock the account for 15 minutes.</summary>
internal sealed class DangNhapModel(SignInManager<WorkflowUser> signIn) : PageModel
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
        var result = await signIn.PasswordSignInAsync(UserName!.Trim(), Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/hop-thu");
        ModelState.AddModelError(nameof(Password), !result.IsLockedOut
            ? "Tên đăng nhập hoặc mật khẩu không đúng."
            : await IsDisabledAsync(UserName.Trim())
                ? "Tài khoản đã bị vô hiệu hóa; liên hệ quản trị của cơ quan."
                : "Tài khoản tạm khóa do đăng nhập sai nhiều lần; thử lại sau 15 phút.");
        Password = null;
        return Page();
    }

    /// <summary>Disabled by an admin: locked out without end (<see cref="DateTimeOffset.MaxValue"/>), not for 15 minutes.</summary>
    private async Task<bool> IsDisabledAsync(string userName) =>
        await signIn.UserManager.FindByNameAsync(userName) is { LockoutEnd: { } end } && end == DateTimeOffset.MaxValue;
}
