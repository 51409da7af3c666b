using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using Workflows.Host.Identity;
using static Microsoft.Playwright.Assertions;
using Workflows.Kernel;

namespace Workflows.BrowserTests.Ui;

/// <summary>The Host of the users-and-roles tests (its own database: these tests add users and lock accounts).</summary>
public sealed class AdminUsersBrowserFixture : BrowserFixture;

/// <summary>The admin manages the users of their own body: create, roles, unlock, and the limits on themselves.</summary>
public sealed class AdminUsersBrowserTests(AdminUsersBrowserFixture fixture) : IClassFixture<AdminUsersBrowserFixture>
{
    private async Task<IReadOnlyList<(string Action, string Actor, string Data)>> AuditOfAsync(string userName)
    {
        await using var connection = await fixture.App.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT action, actor, data::text FROM audit_log WHERE data->>'userName' = $1 ORDER BY seq", connection);
        command.Parameters.AddWithValue(userName);
        var rows = new List<(string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }

    private async Task<string> IdOfAsync(string userName)
    {
        using var scope = fixture.App.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<WorkflowUser>>().FindByNameAsync(userName))!.Id;
    }

    [Fact]
    public async Task The_admin_creates_a_clerk_who_signs_in_and_after_getting_the_signer_role_sees_the_plan_to_sign()
    {
        var admin = await fixture.SignInAsync("quantri");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Người dùng" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Thêm người dùng" }).ClickAsync();
        await admin.GetByLabel("Tên đăng nhập").FillAsync("vanthu");
        await admin.GetByLabel("Họ và tên").FillAsync("Bùi Thu Trang");
        await admin.GetByLabel("Chức vụ").FillAsync("VĂN THƯ");
        await admin.GetByLabel("Văn thư").CheckAsync();
        await admin.GetByLabel("Mật khẩu ban đầu").FillAsync("abc");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Expect(admin.Locator("[data-valmsg-for=Password]")).ToContainTextAsync("Mật khẩu phải có ít nhất 12 ký tự");
        await admin.GetByLabel("Mật khẩu ban đầu").FillAsync("qwertyuiop123");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Expect(admin.Locator("[data-valmsg-for=Password]")).ToContainTextAsync("danh sách mật khẩu phổ biến");
        await admin.GetByLabel("Mật khẩu ban đầu").FillAsync("trang học sổ văn thư 2026");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Expect(admin.Locator("[data-valmsg-for=UserName]")).ToContainTextAsync("Tên đăng nhập 'vanthu' đã có người dùng");
        await BrowserFixture.ShotAsync(admin, "36-nguoi-dung-loi");
        await admin.GetByLabel("Tên đăng nhập").FillAsync("vanthu2");
        await admin.GetByLabel("Mật khẩu ban đầu").FillAsync("trang học sổ văn thư 2026");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu");
        await Expect(admin.GetByTestId("nguoi-dung-dong").Filter(new() { HasText = "vanthu2" })).ToContainTextAsync("Bùi Thu Trang");
        await Expect(admin.GetByTestId("nguoi-dung-dong").Filter(new() { HasText = "vanthu2" })).ToContainTextAsync("PGDĐT");
        await Expect(admin.GetByTestId("nguoi-dung-dong").Filter(new() { HasText = "vanthu2" })).ToContainTextAsync("Văn thư");
        await BrowserFixture.ShotAsync(admin, "37-nguoi-dung-them");

        var clerk = await fixture.SignInAsync("vanthu2", password: "trang học sổ văn thư 2026");
        await Expect(clerk.GetByTestId("nguoi-dung")).ToHaveTextAsync("Bùi Thu Trang");
        await Expect(clerk.GetByRole(AriaRole.Link, new() { Name = "Cấp số, phát hành" })).ToBeVisibleAsync();
        await Expect(clerk.GetByRole(AriaRole.Link, new() { Name = "Người dùng" })).ToHaveCountAsync(0);
        Assert.Equal(403, (await clerk.GotoAsync("/quan-tri/nguoi-dung"))!.Status);
        await clerk.Context.CloseAsync();

        var flow = await PlanFlow.StartAsync(fixture.App);
        var planId = await flow.CreateAsync("Kế hoạch chờ người ký mới");
        await flow.SubmitAsync(planId);
        await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");

        await admin.GetByRole(AriaRole.Link, new() { Name = "vanthu2" }).ClickAsync();
        await admin.GetByLabel("Lãnh đạo ký").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Expect(admin.GetByTestId("nguoi-dung-dong").Filter(new() { HasText = "vanthu2" })).ToContainTextAsync("Văn thư, Lãnh đạo ký");

        var signer = await fixture.SignInAsync("vanthu2", password: "trang học sổ văn thư 2026");
        await Expect(signer.GetByTestId("viec").Filter(new() { HasText = "Kế hoạch chờ người ký mới" })).ToHaveCountAsync(1);
        await signer.Context.CloseAsync();

        var audit = await AuditOfAsync("vanthu2");
        Assert.Equal(["user.created", "user.roles-changed"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("quantri", a.Actor));
        Assert.All(audit, a => Assert.DoesNotContain("trang học sổ văn thư 2026", a.Data, StringComparison.Ordinal));
        Assert.Contains(Roles.Signer, audit[1].Data, StringComparison.Ordinal);
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task The_admin_unlocks_a_locked_out_user_but_cannot_drop_their_own_admin_role_nor_see_another_body()
    {
        var stranger = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl, Locale = "vi-VN" });
        var signIn = await stranger.NewPageAsync();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await signIn.GotoAsync("/dang-nhap");
            await signIn.GetByLabel("Tên đăng nhập").FillAsync("truongphong");
            await signIn.GetByLabel("Mật khẩu").FillAsync("sai-mat-khau");
            await signIn.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
            await Expect(signIn.Locator("[data-valmsg-for=Password]")).Not.ToBeEmptyAsync();
        }
        await signIn.GetByLabel("Mật khẩu").FillAsync("demo");
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(signIn.Locator("[data-valmsg-for=Password]")).ToContainTextAsync("Đăng nhập sai nhiều lần; hãy chờ");
        await stranger.CloseAsync();

        var admin = await fixture.SignInAsync("quantri");
        await admin.GotoAsync("/quan-tri/nguoi-dung");
        var leaderRow = admin.GetByTestId("nguoi-dung-dong").Filter(new() { Has = admin.GetByRole(AriaRole.Link, new() { Name = "truongphong", Exact = true }) });
        await Expect(leaderRow).ToContainTextAsync("Tạm khóa đến");
        await Expect(admin.GetByTestId("nguoi-dung-dong").Filter(new() { HasText = "giamdoc.so" })).ToHaveCountAsync(0);
        await BrowserFixture.ShotAsync(admin, "33-nguoi-dung");
        await admin.GetByRole(AriaRole.Link, new() { Name = "truongphong", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Mở khóa" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã mở khóa");
        await Expect(admin.GetByTestId("tinh-trang")).ToHaveTextAsync("Hoạt động");
        var leader = await fixture.SignInAsync("truongphong");
        await Expect(leader.GetByTestId("nguoi-dung")).ToHaveTextAsync("Trần Nam Hải");
        await leader.Context.CloseAsync();
        Assert.Contains("user.unlocked", (await AuditOfAsync("truongphong")).Select(a => a.Action));

        await admin.GotoAsync($"/quan-tri/nguoi-dung/{await IdOfAsync("quantri")}");
        await admin.GetByLabel("Quản trị").UncheckAsync();
        await admin.GetByLabel("Lãnh đạo ký").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Expect(admin.Locator("[data-valmsg-for=Roles]")).ToContainTextAsync("Bạn không thể tự bỏ vai trò Quản trị của mình");
        await BrowserFixture.ShotAsync(admin, "38-nguoi-dung-tu-bo-quan-tri");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Vô hiệu hóa" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("Bạn không thể tự vô hiệu hóa tài khoản của mình");
        await admin.GotoAsync("/quan-tri/nguoi-dung");
        await Expect(admin.GetByTestId("nguoi-dung-dong").Filter(new() { HasText = "quantri" })).ToContainTextAsync("Quản trị");
        await Expect(admin.GetByTestId("nguoi-dung-dong").Filter(new() { HasText = "quantri" })).Not.ToContainTextAsync("Lãnh đạo ký");

        Assert.Equal(404, (await admin.GotoAsync($"/quan-tri/nguoi-dung/{await IdOfAsync("giamdoc.so")}"))!.Status);
        await admin.Context.CloseAsync();

        var drafter = await fixture.SignInAsync("chuyenvien");
        Assert.Equal(403, (await drafter.GotoAsync("/quan-tri/nguoi-dung"))!.Status);
        await drafter.Context.CloseAsync();
    }

    [Fact]
    public async Task A_user_changes_their_password_on_its_page_a_wrong_current_one_is_refused_next_to_its_field_and_the_new_one_signs_in()
    {
        const string Old = "lịch công tác tuần của tổ", New = "nắng sớm trên sân trường làng";
        using (var scope = fixture.App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkflowUser>>();
            var user = new WorkflowUser { UserName = "lythuha", FullName = "Lý Thu Hà", Title = "CHUYÊN VIÊN", BodyCode = "PGDĐT", LockoutEnabled = true };
            Assert.True((await users.CreateAsync(user, Old)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Drafter)).Succeeded);
        }
        var page = await fixture.SignInAsync("lythuha", password: Old);
        await page.GetByRole(AriaRole.Link, new() { Name = "Đổi mật khẩu" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Đổi mật khẩu" })).ToBeVisibleAsync();

        async Task ChangeAsync(string current)
        {
            await page.GetByLabel("Mật khẩu hiện tại").FillAsync(current);
            await page.GetByLabel("Mật khẩu mới", new() { Exact = true }).FillAsync(New);
            await page.GetByLabel("Nhập lại mật khẩu mới").FillAsync(New);
            await page.GetByRole(AriaRole.Button, new() { Name = "Đổi mật khẩu" }).ClickAsync();
        }
        await ChangeAsync("đoán thử mật khẩu cũ");
        await Expect(page.Locator("#CurrentPassword + .field-error")).ToHaveTextAsync("Mật khẩu hiện tại không đúng.");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        await BrowserFixture.StoryShotAsync(page, "39-doi-mat-khau-sai", mustFit390: true);

        await ChangeAsync(Old);
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.");
        await Expect(page.Locator("#CurrentPassword + .field-error")).ToBeEmptyAsync();
        await Expect(page.GetByTestId("nguoi-dung")).ToHaveTextAsync("Lý Thu Hà");
        await BrowserFixture.ShotAsync(page, "40-doi-mat-khau-xong");
        await page.Context.CloseAsync();

        var again = await fixture.SignInAsync("lythuha", password: New);
        await Expect(again.GetByTestId("nguoi-dung")).ToHaveTextAsync("Lý Thu Hà");
        await again.Context.CloseAsync();
    }
}
