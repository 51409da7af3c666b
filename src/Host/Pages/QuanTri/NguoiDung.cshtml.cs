using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflows.Host.Identity;
using Workflows.Host.Ui;
using Workflows.Kernel;

namespace Workflows.Host.Pages.QuanTri;

/// <summary>The users of the admin's own body with their roles and lockout state; links to add or edit one.</summary>
internal sealed class NguoiDungModel(UserManager<WorkflowUser> users, TimeProvider clock) : UiPage
{
    /// <summary>One row.</summary>
    internal sealed record Row(string Id, string UserName, string FullName, string? Title, string BodyCode, IReadOnlyList<string> Roles, string Status);

    public IReadOnlyList<Row> Users { get; private set; } = [];

    /// <summary>What was just saved (<c>?luu=</c>), shown as a status line.</summary>
    public string? Saved { get; private set; }

    public async Task OnGetAsync(string? luu, CancellationToken ct)
    {
        Saved = luu;
        var body = Actor.BodyCode;
        var now = clock.GetUtcNow();
        var rows = new List<Row>();
        foreach (var user in await users.Users.Where(u => u.BodyCode == body).OrderBy(u => u.UserName).ToListAsync(ct))
            rows.Add(new Row(user.Id, user.UserName ?? "", user.FullName, user.Title, user.BodyCode, [.. (await users.GetRolesAsync(user)).Order()],
                NguoiDungSuaModel.StatusOf(user, now)));
        Users = rows;
    }
}
