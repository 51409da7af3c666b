using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Workflows.Host.Identity;
using Workflows.Host.Ui;
using Workflows.Kernel;

namespace Workflows.Host.Pages.QuanTri;

/// <summary>
/// Creates (<c>/quan-tri/nguoi-dung/moi</c>) or edits one user of the admin's own body (another body's user → 404):
/// full name, title, roles, password reset, unlock, disable (locked indefinitely) and enable. Identity's refusals are
/// shown in Vietnamese next to their field; every change is then written to the audit trail (never the password).
/// </summary>
internal sealed class NguoiDungSuaModel(UserManager<WorkflowUser> users, UserAuditLog audit, TimeProvider clock) : UiPage
{
    private const string AdminRole = Kernel.Roles.Admin;

    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? FullName { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? NewPassword { get; set; }

    public bool IsNew { get; private set; }
    public string Status { get; private set; } = "";
    public bool LockedOut { get; private set; }
    public bool Disabled { get; private set; }
    public string? Done { get; private set; }

    /// <summary>The admin's body, which a new user joins.</summary>
    public string CurrentBody => Actor.BodyCode;

    /// <summary>Every role, in the order shown.</summary>
    public static IReadOnlyList<string> AllRoles => Kernel.Roles.All;

    /// <summary>"Đã vô hiệu hóa", "Tạm khóa đến …" or "Hoạt động" at <paramref name="now"/>.</summary>
    public static string StatusOf(WorkflowUser user, DateTimeOffset now) =>
        user.LockoutEnd is not { } end || end <= now ? "Hoạt động"
        : IsDisabled(user) ? "Đã vô hiệu hóa"
        : $"Tạm khóa đến {UiText.DateTime(end)}";

    private static bool IsDisabled(WorkflowUser user) => user.LockoutEnd is { } end && end.Year >= 9000;

    public async Task<IActionResult> OnGetAsync(string id, string? xong)
    {
        Done = xong;
        IsNew = id == "moi";
        if (IsNew) return Page();
        var user = await FindAsync(id);
        if (user is null) return NotFound();
        await ShowAsync(user, fields: true);
        return Page();
    }

    public async Task<IActionResult> OnPostLuuAsync(string id, CancellationToken ct)
    {
        IsNew = id == "moi";
        Roles = [.. Roles.Where(AllRoles.Contains).Distinct()];
        if (string.IsNullOrWhiteSpace(FullName)) ModelState.AddModelError(nameof(FullName), "Cần nhập họ và tên.");
        if (IsNew) return await CreateAsync(ct);

        var user = await FindAsync(id);
        if (user is null) return NotFound();
        if (user.Id == Me && !Roles.Contains(AdminRole))
            ModelState.AddModelError(nameof(Roles), "Bạn không thể tự bỏ vai trò Quản trị của mình; nhờ một quản trị khác làm việc này.");
        if (!ModelState.IsValid) return await PageOfAsync(user, posted: true);

        var before = (user.FullName, user.Title);
        user.FullName = FullName!.Trim();
        user.Title = string.IsNullOrWhiteSpace(Title) ? null : Title.Trim();
        if (!Show(await users.UpdateAsync(user))) return await PageOfAsync(user, posted: true);
        if (before != (user.FullName, user.Title))
            await audit.WriteAsync(Actor.UserName, "user.updated", user.UserName!, new { user.FullName, user.Title }, ct);

        var current = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
        var added = Roles.Where(r => !current.Contains(r)).ToList();
        var removed = current.Where(r => !Roles.Contains(r)).ToList();
        if (added.Count > 0 && !Show(await users.AddToRolesAsync(user, added))) return await PageOfAsync(user, posted: true);
        if (removed.Count > 0 && !Show(await users.RemoveFromRolesAsync(user, removed))) return await PageOfAsync(user, posted: true);
        if (added.Count > 0 || removed.Count > 0)
        {
            // The user's next request signs them in again with the new roles.
            await users.UpdateSecurityStampAsync(user);
            await audit.WriteAsync(Actor.UserName, "user.roles-changed", user.UserName!, new { added, removed, roles = Roles }, ct);
        }
        return Redirect("/quan-tri/nguoi-dung?luu=1");
    }

    private async Task<IActionResult> CreateAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(UserName)) ModelState.AddModelError(nameof(UserName), "Cần nhập tên đăng nhập.");
        if (string.IsNullOrEmpty(Password)) ModelState.AddModelError(nameof(Password), "Cần nhập mật khẩu ban đầu.");
        if (!ModelState.IsValid) return Page();
        var user = new WorkflowUser
        {
            UserName = UserName!.Trim(), FullName = FullName!.Trim(), Title = string.IsNullOrWhiteSpace(Title) ? null : Title.Trim(),
            BodyCode = Actor.BodyCode, LockoutEnabled = true,
        };
        if (!Show(await users.CreateAsync(user, Password!))) return Page();
        if (Roles.Count > 0 && !Show(await users.AddToRolesAsync(user, Roles))) return Page();
        await audit.WriteAsync(Actor.UserName, "user.created", user.UserName, new { user.FullName, user.Title, user.BodyCode, roles = Roles }, ct);
        return Redirect("/quan-tri/nguoi-dung?luu=1");
    }

    public async Task<IActionResult> OnPostDatMatKhauAsync(string id, CancellationToken ct)
    {
        var user = await FindAsync(id);
        if (user is null) return NotFound();
        if (string.IsNullOrEmpty(NewPassword))
        {
            ModelState.AddModelError(nameof(NewPassword), "Cần nhập mật khẩu mới.");
            return await PageOfAsync(user);
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        if (!Show(await users.ResetPasswordAsync(user, token, NewPassword), nameof(NewPassword))) return await PageOfAsync(user);
        await audit.WriteAsync(Actor.UserName, "user.password-reset", user.UserName!, null, ct);
        return Redirect($"/quan-tri/nguoi-dung/{user.Id}?xong=mat-khau");
    }

    public Task<IActionResult> OnPostMoKhoaAsync(string id, CancellationToken ct) => ClearLockoutAsync(id, "user.unlocked", "mo-khoa", ct);

    public async Task<IActionResult> OnPostVoHieuAsync(string id, CancellationToken ct)
    {
        var user = await FindAsync(id);
        if (user is null) return NotFound();
        if (user.Id == Me)
        {
            ModelState.AddModelError("", "Bạn không thể tự vô hiệu hóa tài khoản của mình.");
            return await PageOfAsync(user);
        }
        if (!user.LockoutEnabled && !Show(await users.SetLockoutEnabledAsync(user, true))) return await PageOfAsync(user);
        if (!Show(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue))) return await PageOfAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(Actor.UserName, "user.disabled", user.UserName!, null, ct);
        return Redirect($"/quan-tri/nguoi-dung/{user.Id}?xong=vo-hieu");
    }

    public Task<IActionResult> OnPostKichHoatAsync(string id, CancellationToken ct) => ClearLockoutAsync(id, "user.enabled", "kich-hoat", ct);

    /// <summary>Unlocking and enabling are one change — the lockout ended, the failure count reset — audited as <paramref name="action"/>.</summary>
    private async Task<IActionResult> ClearLockoutAsync(string id, string action, string done, CancellationToken ct)
    {
        var user = await FindAsync(id);
        if (user is null) return NotFound();
        if (!Show(await users.SetLockoutEndDateAsync(user, null))) return await PageOfAsync(user);
        await users.ResetAccessFailedCountAsync(user);
        await audit.WriteAsync(Actor.UserName, action, user.UserName!, null, ct);
        return Redirect($"/quan-tri/nguoi-dung/{user.Id}?xong={done}");
    }

    private string? Me => users.GetUserId(User);

    /// <summary>The user <paramref name="id"/> when they belong to the admin's body; null otherwise (shown as 404).</summary>
    private async Task<WorkflowUser?> FindAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        return user is not null && user.BodyCode == Actor.BodyCode ? user : null;
    }

    /// <summary>The page again with its errors; the edit form keeps what was typed when it was the one posted.</summary>
    private async Task<IActionResult> PageOfAsync(WorkflowUser user, bool posted = false)
    {
        await ShowAsync(user, fields: !posted);
        return Page();
    }

    private async Task ShowAsync(WorkflowUser user, bool fields)
    {
        var now = clock.GetUtcNow();
        UserName = user.UserName;
        Status = StatusOf(user, now);
        Disabled = IsDisabled(user) && user.LockoutEnd > now;
        LockedOut = !Disabled && user.LockoutEnd is { } end && end > now;
        if (!fields) return;
        FullName = user.FullName;
        Title = user.Title;
        Roles = [.. await users.GetRolesAsync(user)];
    }

    /// <summary>Puts Identity's refusals next to their field (password ones on <paramref name="passwordField"/>); true on success.</summary>
    private bool Show(IdentityResult result, string passwordField = nameof(Password))
    {
        foreach (var error in result.Errors)
        {
            var field = error.Code.StartsWith("Password", StringComparison.Ordinal) || error.Code == "InvalidToken" ? passwordField
                : error.Code.Contains("UserName", StringComparison.Ordinal) ? nameof(UserName)
                : "";
            ModelState.AddModelError(field, error.Description);
        }
        return result.Succeeded;
    }
}
