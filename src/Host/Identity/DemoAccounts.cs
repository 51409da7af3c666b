using Microsoft.AspNetCore.Identity;
using Workflows.Kernel;

namespace Workflows.Host.Identity;

/// <summary>
/// The demo accounts of the embedded default (password <c>demo</c>): one per role in the Uông Bí education office,
/// and two in the provincial department to show that bodies do not see each other's work.
/// </summary>
internal static class DemoAccounts
{
    public const string Password = "demo";

    private static readonly (string UserName, string FullName, string? Title, string Body, string[] Roles)[] Accounts =
    [
        ("chuyenvien", "Nguyễn Thị Lan", "CHUYÊN VIÊN", "PGDĐT", [Roles.Drafter]),
        ("photruongphong", "Phạm Văn Hùng", "PHÓ TRƯỞNG PHÒNG", "PGDĐT", [Roles.Reviewer, Roles.Signer]),
        ("truongphong", "Trần Nam Hải", "TRƯỞNG PHÒNG", "PGDĐT", [Roles.Signer]),
        ("vanthu", "Lê Thị Hoa", "VĂN THƯ", "PGDĐT", [Roles.Clerk]),
        ("quantri", "Đỗ Minh Quân", null, "PGDĐT", [Roles.Admin]),
        ("chuyenvien.so", "Vũ Thị Mai", "CHUYÊN VIÊN", "SGDĐT", [Roles.Drafter]),
        ("giamdoc.so", "Hoàng Văn Nam", "GIÁM ĐỐC", "SGDĐT", [Roles.Signer]),
    ];

    /// <summary>Creates the roles and any missing demo account.</summary>
    /// <exception cref="InvalidOperationException">Identity refused an account (the message lists why).</exception>
    public static async Task SeedAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)), role);
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkflowUser>>();
        foreach (var account in Accounts)
        {
            if (await users.FindByNameAsync(account.UserName) is not null) continue;
            var user = new WorkflowUser { UserName = account.UserName, FullName = account.FullName, Title = account.Title, BodyCode = account.Body, LockoutEnabled = true };
            Check(await users.CreateAsync(user, Password), account.UserName);
            Check(await users.AddToRolesAsync(user, account.Roles), account.UserName);
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create demo {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
