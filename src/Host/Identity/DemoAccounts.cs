using Microsoft.AspNetCore.Identity;
using Workflows.Kernel;

namespace Workflows.Host.Identity;

/// <summary>
/// The demo accounts of the embedded default (password <c>demo</c>): one per role in the Uông Bí education office,
/// seven in the provincial department (its flow consults two other units in parallel; bodies do not see each other's work), and five in a ward People's
/// Committee (a body under collective leadership, whose chairman signs "TM. ỦY BAN NHÂN DÂN"). Their password is set
/// as a hash, outside the password rules (which would refuse <c>demo</c>): demo accounts exist only in the embedded
/// default or with <c>Workflows:SeedDemo</c>, never in an office's database.
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
        ("truongphong.gdtrh.so", "Lê Văn Thành", "TRƯỞNG PHÒNG GIÁO DỤC TRUNG HỌC", "SGDĐT", [Roles.Reviewer]),
        ("truongphong.tccb.so", "Phan Thị Hạnh", "TRƯỞNG PHÒNG TỔ CHỨC CÁN BỘ", "SGDĐT", ["ConsultTCCB"]),
        ("truongphong.khtc.so", "Đinh Văn Khoa", "TRƯỞNG PHÒNG KẾ HOẠCH - TÀI CHÍNH", "SGDĐT", ["ConsultKHTC"]),
        ("phogiamdoc.so", "Nguyễn Thị Thanh", "PHÓ GIÁM ĐỐC", "SGDĐT", ["DeputyDirector", Roles.Signer]),
        ("vanthu.so", "Trần Thị Yến", "VĂN THƯ", "SGDĐT", [Roles.Clerk]),
        ("congchuc.phuong", "Ngô Thị Thu", "CÔNG CHỨC", "UBND", [Roles.Drafter]),
        ("truongphong.vhxh", "Đặng Văn Toàn", "TRƯỞNG PHÒNG VĂN HÓA - XÃ HỘI", "UBND", [Roles.Reviewer]),
        ("chutich.phuong", "Bùi Văn Long", "CHỦ TỊCH", "UBND", [Roles.Signer]),
        ("phochutich.phuong", "Trịnh Thị Hà", "PHÓ CHỦ TỊCH", "UBND", [Roles.Signer]),
        ("vanthu.phuong", "Lý Thị Nga", "VĂN THƯ", "UBND", [Roles.Clerk]),
    ];

    /// <summary>Creates the installation's roles (<see cref="Workflows.Organisation.RoleCatalog"/>) and any missing demo account.</summary>
    /// <exception cref="InvalidOperationException">Identity refused an account (the message lists why).</exception>
    public static async Task SeedAsync(IServiceProvider services)
    {
        await EnsureRolesAsync(services);
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkflowUser>>();
        foreach (var account in Accounts)
        {
            if (await users.FindByNameAsync(account.UserName) is not null) continue;
            var user = new WorkflowUser { UserName = account.UserName, FullName = account.FullName, Title = account.Title, BodyCode = account.Body, LockoutEnabled = true };
            user.PasswordHash = users.PasswordHasher.HashPassword(user, Password);
            Check(await users.CreateAsync(user), account.UserName);
            Check(await users.AddToRolesAsync(user, account.Roles), account.UserName);
        }
    }

    /// <summary>Creates the Identity role of every role of the installation that has none yet (demo or not).</summary>
    /// <exception cref="InvalidOperationException">Identity refused a role.</exception>
    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in scope.ServiceProvider.GetRequiredService<Workflows.Organisation.RoleCatalog>().Codes)
        {
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)), role);
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create demo {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
