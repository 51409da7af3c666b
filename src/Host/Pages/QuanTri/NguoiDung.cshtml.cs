using Workflows.Host.Identity;
using Workflows.Host.Ui;
using Workflows.Kernel;

namespace Workflows.Host.Pages.QuanTri;

/// <summary>The users of the admin's own body with their roles and lockout state (<see cref="UserAdministration.ListAsync"/>, as <c>GET /api/admin/users</c>); links to add or edit one.</summary>
internal sealed class NguoiDungModel(UserAdministration administration) : UiPage
{
    public IReadOnlyList<UserView> Users { get; private set; } = [];

    /// <summary>What was just saved (<c>?luu=</c>), shown as a status line.</summary>
    public string? Saved { get; private set; }

    public async Task OnGetAsync(string? luu, CancellationToken ct)
    {
        Saved = luu;
        Users = await administration.ListAsync(Actor, ct);
    }
}
