using Microsoft.AspNetCore.Mvc;
using Workflows.Host.Identity;
using Workflows.Host.Ui;
using Workflows.Kernel;

namespace Workflows.Host.Pages.QuanTri;

/// <summary>
/// Creates (<c>/quan-tri/nguoi-dung/moi</c>) or edits one user of the admin's own body (another body's user → 404):
/// full name, title, roles, password reset, unlock, disable (locked indefinitely) and enable. Every rule is
/// <see cref="UserAdministration"/>'s, as for <c>/api/admin/users</c>; this page binds the form, calls it, and shows its
/// refusals next to their field.
/// </summary>
internal sealed class NguoiDungSuaModel(UserAdministration administration, Workflows.Organisation.RoleCatalog roleCatalog) : UiPage
{
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
    public IReadOnlyCollection<string> AllRoles => roleCatalog.Codes;

    /// <summary>The Vietnamese name of a role of the installation.</summary>
    public string RoleName(string code) => roleCatalog.NameOf(code);

    /// <summary>"Đã vô hiệu hóa", "Tạm khóa đến … (chỉ với nơi đăng nhập sai nhiều lần)" — attempts from the address that failed wait — or "Hoạt động".</summary>
    public static string StatusOf(UserView user) => user.State switch
    {
        "disabled" => "Đã vô hiệu hóa",
        "locked" => $"Tạm khóa đến {UiText.DateTime(user.LockedUntil!.Value)} (chỉ với nơi đăng nhập sai nhiều lần)",
        _ => "Hoạt động",
    };

    public async Task<IActionResult> OnGetAsync(string id, string? xong, CancellationToken ct)
    {
        Done = xong;
        IsNew = id == "moi";
        if (!IsNew) Show(await administration.GetAsync(id, Actor, ct), fields: true);
        return Page();
    }

    public async Task<IActionResult> OnPostLuuAsync(string id, CancellationToken ct)
    {
        IsNew = id == "moi";
        var input = new UserInput(IsNew ? UserName : null, FullName ?? "", Title ?? "", Roles, IsNew ? Password : null);
        try
        {
            if (IsNew) await administration.CreateAsync(input, Actor, ct);
            else await administration.UpdateAsync(id, input, Actor, ct);
            return Redirect("/quan-tri/nguoi-dung?luu=1");
        }
        catch (WorkflowException e) when (ShowError(e))
        {
            if (!IsNew) Show(await administration.GetAsync(id, Actor, ct), fields: false);
            return Page();
        }
    }

    public Task<IActionResult> OnPostDatMatKhauAsync(string id, CancellationToken ct) =>
        ActAsync(id, "mat-khau", () => administration.ResetPasswordAsync(id, NewPassword, Actor, ct), ct);

    public Task<IActionResult> OnPostMoKhoaAsync(string id, CancellationToken ct) =>
        ActAsync(id, "mo-khoa", () => administration.UnlockAsync(id, Actor, ct), ct);

    public Task<IActionResult> OnPostVoHieuAsync(string id, CancellationToken ct) =>
        ActAsync(id, "vo-hieu", () => administration.DisableAsync(id, Actor, ct), ct);

    public Task<IActionResult> OnPostKichHoatAsync(string id, CancellationToken ct) =>
        ActAsync(id, "kich-hoat", () => administration.EnableAsync(id, Actor, ct), ct);

    /// <summary>Runs one of the account actions, then shows the user again with what was done or with the refusal next to its field.</summary>
    private async Task<IActionResult> ActAsync(string id, string done, Func<Task> action, CancellationToken ct)
    {
        try
        {
            await action();
            return Redirect($"/quan-tri/nguoi-dung/{id}?xong={done}");
        }
        catch (WorkflowException e) when (ShowError(e))
        {
            Show(await administration.GetAsync(id, Actor, ct), fields: true);
            return Page();
        }
    }

    private void Show(UserView user, bool fields)
    {
        UserName = user.UserName;
        Status = StatusOf(user);
        Disabled = user.State == "disabled";
        LockedOut = user.State == "locked";
        if (!fields) return;
        FullName = user.FullName;
        Title = user.Title;
        Roles = [.. user.Roles];
    }
}
