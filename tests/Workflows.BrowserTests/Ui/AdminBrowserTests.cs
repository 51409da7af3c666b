using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflows.BrowserTests.Ui;

/// <summary>The admin's pages: directory (search, edit, CSV import), users and roles, holiday calendar, workflow definitions.</summary>
public sealed class AdminBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_admin_searches_edits_and_imports_the_directory_with_a_report_per_line()
    {
        var admin = await fixture.SignInAsync("quantri");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Danh bạ" }).ClickAsync();
        await admin.GetByLabel("Tên hoặc tên gọi khác").FillAsync("le loi");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        await Expect(admin.GetByTestId("muc-danh-ba")).ToHaveCountAsync(1);
        await Expect(admin.GetByTestId("muc-danh-ba")).ToContainTextAsync("Trường TH Lê Lợi");
        await BrowserFixture.ShotAsync(admin, "30-danh-ba");

        await admin.GetByRole(AriaRole.Link, new() { Name = "Trường TH Lê Lợi" }).ClickAsync();
        await admin.GetByLabel("Email").FillAsync("khong-phai-email");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Expect(admin.Locator("[data-valmsg-for=Email]")).ToContainTextAsync("không hợp lệ");
        await BrowserFixture.ShotAsync(admin, "31-danh-ba-loi");
        await admin.GetByLabel("Email").FillAsync("hieutruong.leloi@uongbi.example.org");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu");
        await Expect(admin.GetByTestId("muc-danh-ba").Filter(new() { HasText = "Trường TH Lê Lợi" })).ToContainTextAsync("hieutruong.leloi@uongbi.example.org");

        var csv = Path.Combine(Path.GetTempPath(), $"danh-ba-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv,
            "name,kind,email,groups,aliases\n" +
            "Trường MN Sơn Ca,school,mn-sonca@uongbi.example.org,Các trường học trực thuộc,MN Sơn Ca\n" +
            "Trường không rõ loại,lop-hoc,x@uongbi.example.org,,\n" +
            "Trường thiếu email,school,,,\n");
        await admin.GetByLabel("Tệp CSV (UTF-8)").SetInputFilesAsync(csv);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Nhập" }).ClickAsync();
        await Expect(admin.GetByTestId("ket-qua-nhap")).ToContainTextAsync("Đã thêm 1 mục");
        await Expect(admin.GetByTestId("dong-loi")).ToHaveCountAsync(2);
        await Expect(admin.GetByTestId("dong-loi").Nth(0)).ToContainTextAsync("3");
        await Expect(admin.GetByTestId("dong-loi").Nth(1)).ToContainTextAsync("4");
        await Expect(admin.GetByTestId("muc-danh-ba").Filter(new() { HasText = "Trường MN Sơn Ca" })).ToHaveCountAsync(1);
        await BrowserFixture.ShotAsync(admin, "32-nhap-csv");
        File.Delete(csv);
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task The_admin_sees_users_and_roles_the_days_off_of_a_year_and_the_definitions_with_the_errors_of_a_bad_file()
    {
        var admin = await fixture.SignInAsync("quantri");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Người dùng" }).ClickAsync();
        await Expect(admin.GetByTestId("nguoi-dung-dong")).ToHaveCountAsync(5);
        await Expect(admin.GetByTestId("nguoi-dung-dong").Filter(new() { HasText = "photruongphong" })).ToContainTextAsync("Lãnh đạo kiểm tra, Lãnh đạo ký");
        await Expect(admin.GetByTestId("nguoi-dung-dong").Filter(new() { HasText = "giamdoc.so" })).ToHaveCountAsync(0);

        await admin.GotoAsync("/quan-tri/lich-nghi?nam=2026");
        await Expect(admin.GetByTestId("ngay-nghi").Filter(new() { HasText = "17/02/2026" })).ToContainTextAsync("Tết Nguyên đán");
        await Expect(admin.GetByTestId("ngay-nghi").Filter(new() { HasText = "17/02/2026" })).ToContainTextAsync("Thứ Ba");
        await Expect(admin.Locator("main")).ToContainTextAsync("9441/TB-BNV");
        await BrowserFixture.ShotAsync(admin, "34-lich-nghi-2026");
        await admin.GetByLabel("Năm").FillAsync("2030");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Xem" }).ClickAsync();
        await Expect(admin.Locator("main")).ToContainTextAsync("Chưa có thông báo nghỉ cho năm 2030");
        await Expect(admin.GetByTestId("ngay-nghi").Filter(new() { HasText = "30/04/2030" })).ToHaveCountAsync(1);

        await admin.GetByRole(AriaRole.Link, new() { Name = "Quy trình" }).ClickAsync();
        var original = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Definitions, "plan-approval.json"));
        var version = System.Text.Json.JsonDocument.Parse(original).RootElement.GetProperty("version").GetInt32();
        await Expect(admin.GetByTestId("quy-trinh").Filter(new() { HasText = "plan-approval · " })).ToContainTextAsync($"plan-approval · phiên bản {version}");
        await Expect(admin.GetByTestId("phien-ban").Filter(new() { HasText = "plan-approval.json" }).First).ToContainTextAsync(new Regex($"plan-approval\\s*{version}\\s*plan-approval.json"));
        var bad = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(bad, original.Replace("\"approve\": { \"next\": \"sign\"", "\"approve\": { \"next\": \"nowhere\"", StringComparison.Ordinal));
        await admin.GetByLabel("Tệp JSON").SetInputFilesAsync(bad);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra" }).ClickAsync();
        await Expect(admin.GetByTestId("ket-qua-kiem-tra")).ToContainTextAsync("Không hợp lệ");
        await Expect(admin.GetByTestId("ket-qua-kiem-tra")).ToContainTextAsync("$.steps[1].outcomes.approve.next");
        await Expect(admin.GetByTestId("ket-qua-kiem-tra")).ToContainTextAsync("nowhere");
        await BrowserFixture.ShotAsync(admin, "35-quy-trinh-loi");
        await admin.GetByLabel("Tệp JSON").SetInputFilesAsync(Path.Combine(RepositoryPaths.Definitions, "plan-approval.json"));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra" }).ClickAsync();
        await Expect(admin.GetByTestId("ket-qua-kiem-tra")).ToContainTextAsync("Hợp lệ: Trình ký và ban hành kế hoạch");
        File.Delete(bad);
        await admin.Context.CloseAsync();
    }
}
