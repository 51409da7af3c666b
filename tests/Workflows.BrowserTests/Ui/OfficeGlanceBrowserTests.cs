using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Workflows.Kernel;
using static Microsoft.Playwright.Assertions;

namespace Workflows.BrowserTests.Ui;

/// <summary>
/// Following without reloading: a reporting period's progress refreshes itself on the schedule's page as schools submit
/// and an email fails ("Gửi lại" only beside that one), and, three weeks on, the head's home page shows the office's
/// overdue tasks and reports at a glance. Its own Host, since it moves the clock.
/// </summary>
public sealed class OfficeGlanceBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Group = "Các trường Sen Hồng";

    private static Task ShotAsync(IPage page, string name) => BrowserFixture.StoryShotAsync(page, name, mustFit390: true);

    private async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_periods_progress_refreshes_by_itself_offers_a_resend_only_for_a_failed_email_and_the_head_sees_what_is_overdue_at_a_glance()
    {
        var admin = await fixture.App.SignInAsync("quantri");
        var csv = $"name,kind,email,groups,aliases\nTrường MN Sen Hồng 1,school,senhong1@truong.example.org,{Group},\n"
            + $"Trường MN Sen Hồng 2,school,senhong2@truong.example.org,{Group},\nTrường MN Sen Hồng 3,school,senhong3@truong.example.org,{Group},\n";
        (await admin.PostAsync("/api/directory/import", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var flow = await PlanFlow.StartAsync(fixture.App);
        var due = VietnamTime.ToVietnamDate(fixture.App.Clock.GetUtcNow()).AddDays(5);
        var created = await flow.Drafter.PostAsJsonAsync("/api/reporting/schedules", new
        {
            title = "Báo cáo công tác phòng chống dịch bệnh mùa đông", frequency = "once", dueDate = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            openDaysBeforeDue = 10, target = new { group = Group },
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var scheduleId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // A plan waits for review: three weeks on, its task is overdue.
        var plan = await flow.CreateAsync("Kế hoạch kiểm tra công tác bán trú năm học 2026-2027");
        await flow.SubmitAsync(plan);
        await ReportingFlow.RunCycleAsync(fixture.App);

        var clerk = await fixture.SignInAsync("vanthu");
        await clerk.GotoAsync($"/bao-cao/{scheduleId}");
        var progress = clerk.GetByTestId("tien-do-ky");
        await Expect(progress.GetByTestId("dem-tien-do")).ToContainTextAsync("3 đơn vị");
        await Expect(progress.GetByTestId("dem-da-gui")).ToHaveTextAsync("3", new() { Timeout = 30_000 });
        await Expect(clerk.GetByRole(AriaRole.Button, new() { Name = "Gửi lại" })).ToHaveCountAsync(0);

        // Without reloading: one school submits, and the mail server refuses another school's email (set as the sender
        // records a 5xx answer: the pickup folder the browser tests write to never refuses).
        var periodKey = await ReportingFlow.ScalarAsync<string>(fixture.App, $"SELECT period_key FROM reporting_periods WHERE schedule_id = '{scheduleId}'");
        await ReportingFlow.SubmitAsync(fixture.App, "senhong1@truong.example.org", periodKey, fixture.App.Clock.GetUtcNow());
        Assert.Equal(1, await ExecuteAsync(
            "UPDATE outgoing_messages SET status = 'failed', last_error = '550 5.1.1 Hộp thư không tồn tại' WHERE address = 'senhong2@truong.example.org' AND category = 'report-request'"));
        await Expect(progress.GetByTestId("dem-da-nop")).ToHaveTextAsync("1", new() { Timeout = 30_000 });
        await Expect(progress.GetByTestId("dem-that-bai")).ToHaveTextAsync("1", new() { Timeout = 30_000 });
        await Expect(progress.GetByTestId("dem-da-gui")).ToHaveTextAsync("1");
        await Expect(progress.GetByTestId("thanh-tien-do")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("1 đã nộp, 1 đã gửi chờ nộp, 0 đang chờ gửi, 1 gửi thất bại"));
        var failed = progress.GetByTestId("yeu-cau-that-bai");
        await Expect(failed).ToHaveCountAsync(1);
        await Expect(failed).ToContainTextAsync("Trường MN Sen Hồng 2");
        await Expect(failed).ToContainTextAsync("550 5.1.1 Hộp thư không tồn tại");
        await Expect(clerk.GetByRole(AriaRole.Button, new() { NameRegex = new("^Gửi lại") })).ToHaveCountAsync(1);
        await ShotAsync(clerk, "45-tien-do-bao-cao");
        await failed.GetByRole(AriaRole.Button, new() { Name = "Gửi lại cho Trường MN Sen Hồng 2" }).ClickAsync();
        await Expect(clerk.GetByTestId("thong-bao")).ToHaveTextAsync("Đã xếp thư yêu cầu vào hàng gửi lại.");
        await Expect(progress.GetByTestId("dem-that-bai")).ToHaveTextAsync("0", new() { Timeout = 30_000 });
        await Expect(progress.GetByTestId("dem-da-gui")).ToHaveTextAsync("2", new() { Timeout = 30_000 });
        await clerk.Context.CloseAsync();

        // Three weeks on: the period's deadline and the review task's due day have passed.
        fixture.App.Clock.Advance(TimeSpan.FromDays(21));
        var head = await fixture.SignInAsync("truongphong");
        var glance = head.GetByTestId("toan-co-quan");
        await Expect(glance.GetByTestId("viec-qua-han")).ToHaveTextAsync("1");
        var task = glance.GetByTestId("viec-qua-han-dong");
        await Expect(task).ToContainTextAsync("Kế hoạch kiểm tra công tác bán trú năm học 2026-2027");
        await Expect(task).ToContainTextAsync("chưa ai nhận");
        await Expect(task).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Quá hạn \d+ ngày"));
        await Expect(glance.GetByTestId("bao-cao-qua-han")).ToHaveTextAsync("2");
        var report = glance.GetByTestId("bao-cao-qua-han-dong");
        await Expect(report).ToContainTextAsync("Báo cáo công tác phòng chống dịch bệnh mùa đông");
        await Expect(report).ToContainTextAsync("đã nộp 1/3");
        await ShotAsync(head, "46-lanh-dao-toan-co-quan");
        await report.GetByRole(AriaRole.Link).ClickAsync();
        await head.WaitForURLAsync($"**/bao-cao/{scheduleId}");
        await head.Context.CloseAsync();

        // The panel is the leaders': a drafter's inbox has none.
        var drafter = await fixture.SignInAsync("chuyenvien");
        await Expect(drafter.GetByTestId("toan-co-quan")).ToHaveCountAsync(0);
        await drafter.Context.CloseAsync();
    }
}
