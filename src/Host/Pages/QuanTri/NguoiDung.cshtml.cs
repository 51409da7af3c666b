using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflows.Host.Identity;
using Workflows.Host.Ui;

namespace Workflows.Host.Pages.QuanTri;

/// <summary>Every user with their body, roles and lockout state (read-only).</summary>
internal sealed class NguoiDungModel(UserManager<WorkflowUser> users, TimeProvider clock) : UiPage
{
    /// <summary>One row.</summary>
    internal sealed record Row(string UserName, string FullName, string? Title, string BodyCode, IReadOnlyList<string> Roles, DateTimeOffset? LockedUntil);

    public IReadOnlyList<Row> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = new List<Row>();
        foreach (var user in await users.Users.OrderBy(u => u.BodyCode).ThenBy(u => u.UserName).ToListAsync(ct))
            rows.Add(new Row(user.UserName ?? "", user.FullName, user.Title, user.BodyCode, [.. (await users.GetRolesAsync(user)).Order()],
                user.LockoutEnd is { } end && end > now ? end : null));
        Users = rows;
    }
}
