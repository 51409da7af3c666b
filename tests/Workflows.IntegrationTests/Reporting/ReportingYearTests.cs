using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Workflows.Distribution;
using static Workflows.Testing.ReportingFlow;

namespace Workflows.IntegrationTests.Reporting;

public sealed partial class ReportingYearTests
{
    [Fact]
    public async Task A_year_of_monthly_requests_reminds_only_the_missing_escalates_the_overdue_and_shows_the_matrix()
    {
        using var smtp = new TestSmtpServer().Start();
        var clock = new FakeTimeProvider(Vn(2026, 1, 2, 8).ToUniversalTime());
        await using var app = new WorkflowsApp(clock: clock, settings: Settings(smtp.Port));
        var flow = await PlanFlow.StartAsync(app);
        var planId = await ReleasePlan95Async(flow);

        // The duty "Trước ngày 15 hằng tháng" became a monthly schedule over the plan's year.
        Assert.Contains((await flow.PlanAsync(planId)).GetProperty("history").EnumerateArray(),
            h => h.GetProperty("what").GetString() == "reporting.activated");
        var schedule = await ScheduleOfAsync(flow.Clerk, planId);
        Assert.Equal("monthly", schedule.GetProperty("frequency").GetString());
        Assert.Equal("Các trường học trực thuộc", schedule.GetProperty("target").GetProperty("group").GetString());
        var periods = schedule.GetProperty("periods").EnumerateArray().ToArray();
        Assert.Equal(12, periods.Length);
        var january = periods[0];
        Assert.Equal("Tháng 1/2026", january.GetProperty("label").GetString());
        Assert.Equal("2025-12-15", january.GetProperty("cutOffFrom").GetString());
        Assert.Equal("2026-01-14", january.GetProperty("cutOffTo").GetString());
        Assert.Equal(Vn(2026, 1, 16, 0), january.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal(Vn(2026, 1, 5), january.GetProperty("opensAt").GetDateTimeOffset());
        // 15/02/2026 is a Sunday inside the Tết holiday: the deadline moves to the end of the first working day after it.
        var february = periods[1];
        var februaryLastDay = DateOnly.FromDateTime(february.GetProperty("deadline").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(7)).DateTime).AddDays(-1);
        Assert.True(februaryLastDay > new DateOnly(2026, 2, 20), $"February's last day {februaryLastDay}");
        Assert.True(WorkingCalendar.IsWorkingDay(februaryLastDay));
        Assert.False(WorkingCalendar.IsWorkingDay(februaryLastDay.AddDays(-1)));

        // Opening: one request per school with its own link; only the link's hash is stored.
        clock.AdjustTime(Vn(2026, 1, 5).ToUniversalTime());
        await RunCycleAsync(app);
        var requests = await MailAsync(smtp, 9);
        Assert.Equal(Schools.Order(), requests.SelectMany(m => m.To).Order());
        var hashes = new List<string>();
        var tokens = new Dictionary<string, string>();
        foreach (var m in requests)
        {
            Assert.Equal("Đề nghị gửi báo cáo: Báo cáo kết quả thực hiện Kế hoạch số 01/KH-PGDĐT – Tháng 1/2026", m.Subject);
            Assert.Contains("Kế hoạch số 01/KH-PGDĐT", m.Body);
            Assert.Contains("từ ngày 15/12/2025 đến ngày 14/01/2026", m.Body);
            Assert.Contains("Hạn gửi: trước 24 giờ 00 ngày 15/01/2026 (thứ Năm)", m.Body);
            var token = LinkPattern().Match(m.Body);
            Assert.True(token.Success, m.Body);
            tokens[Assert.Single(m.To)] = token.Groups[1].Value;
            hashes.Add(Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(token.Groups[1].Value))));
        }
        Assert.Equal(9, hashes.Distinct().Count());
        Assert.Equal(9L, await ScalarAsync<long>(app,
            $"SELECT count(*) FROM report_requests WHERE encode(token_hash, 'hex') IN ({string.Join(",", hashes.Select(h => $"'{h.ToLowerInvariant()}'"))})"));
        await WaitAsync(async () => await ScalarAsync<long>(app,
            "SELECT count(*) FROM outgoing_messages WHERE category = 'report-request' AND status = 'sent' AND body NOT LIKE '%nop-bao-cao%'") == 9);

        // Two schools submit in time on their page, through the link of their request email; reminders go only to the others, once each.
        clock.AdjustTime(Vn(2026, 1, 8, 10).ToUniversalTime());
        await SubmitOnPageAsync(app, tokens[Schools[0]], "Đã nộp (đúng hạn)");
        clock.AdjustTime(StepTime(january, -3).ToUniversalTime());
        await RunCycleAsync(app);
        var mail = await MailAsync(smtp, 17);
        Assert.Equal(Schools[1..].Order(), mail.Where(m => m.Subject.StartsWith("Nhắc hạn: còn 3 ngày làm việc", StringComparison.Ordinal)).SelectMany(m => m.To).Order());
        await RunCycleAsync(app);
        Assert.Equal(17, (await MailAsync(smtp, 17)).Count);
        clock.AdjustTime(Vn(2026, 1, 13, 9).ToUniversalTime());
        await SubmitOnPageAsync(app, tokens[Schools[1]], "Đã nộp (đúng hạn)");
        clock.AdjustTime(StepTime(january, -1).ToUniversalTime());
        await RunCycleAsync(app);
        mail = await MailAsync(smtp, 24);
        Assert.Equal(Schools[2..].Order(), mail.Where(m => m.Subject.StartsWith("Nhắc hạn: còn 1 ngày làm việc", StringComparison.Ordinal)).SelectMany(m => m.To).Order());

        // The next working day: an overdue notice to each school still missing, marked overdue.
        clock.AdjustTime(StepTime(january, 1).ToUniversalTime());
        Assert.Equal(Vn(2026, 1, 16), clock.GetUtcNow());
        await RunCycleAsync(app);
        mail = await MailAsync(smtp, 31);
        Assert.Equal(Schools[2..].Order(), mail.Where(m => m.Subject.StartsWith("Quá hạn gửi báo cáo", StringComparison.Ordinal)).SelectMany(m => m.To).Order());
        Assert.Equal(7L, await ScalarAsync<long>(app, "SELECT count(*) FROM report_requests WHERE overdue_at IS NOT NULL"));

        // A late submission is accepted and marked late; three working days later the leaders get the list of the rest.
        clock.AdjustTime(Vn(2026, 1, 19, 15).ToUniversalTime());
        await SubmitOnPageAsync(app, tokens[Schools[2]], "Đã nộp (muộn)");
        clock.AdjustTime(StepTime(january, 4).ToUniversalTime());
        await RunCycleAsync(app);
        mail = await MailAsync(smtp, 33);
        var summaries = mail.Where(m => m.Subject.StartsWith("Tổng hợp:", StringComparison.Ordinal)).ToList();
        Assert.Equal(Leaders.Order(), summaries.SelectMany(m => m.To).Order());
        foreach (var summary in summaries)
        {
            Assert.StartsWith("Tổng hợp: 6 đơn vị quá hạn báo cáo", summary.Subject);
            foreach (var (name, _) in DemoDirectory.SchoolList.Skip(3)) Assert.Contains(name, summary.Body);
            foreach (var (name, _) in DemoDirectory.SchoolList.Take(3)) Assert.DoesNotContain(name + "\n", summary.Body);
        }

        // Each school that submitted on the page got one receipt.
        await WaitAsync(() => Task.FromResult(smtp.Messages().Count(m => m.Subject.StartsWith("Biên nhận báo cáo", StringComparison.Ordinal)) >= 3));
        Assert.Equal(Schools[..3].Order(),
            smtp.Messages().Where(m => m.Subject.StartsWith("Biên nhận báo cáo", StringComparison.Ordinal)).SelectMany(m => m.To).Order());

        // The matrix and its CSV (signing in again: the clock has moved past the first sign-in's cookie).
        var id = schedule.GetProperty("id").GetGuid();
        var status = await (await app.SignInAsync("vanthu")).GetFromJsonAsync<JsonElement>($"/api/reporting/schedules/{id}/status");
        string Cell(JsonElement matrix, string email, int period) =>
            matrix.GetProperty("schools").EnumerateArray()
                .Single(r => r.GetProperty("name").GetString() == DemoDirectory.SchoolList.Single(s => s.Email == email).Name)
                .GetProperty("cells")[period].GetProperty("state").GetString()!;
        Assert.Equal(9, status.GetProperty("schools").GetArrayLength());
        Assert.Equal("on_time", Cell(status, Schools[0], 0));
        Assert.Equal("on_time", Cell(status, Schools[1], 0));
        Assert.Equal("late", Cell(status, Schools[2], 0));
        Assert.Equal("overdue", Cell(status, Schools[3], 0));
        Assert.Equal("not_open", Cell(status, Schools[3], 1));
        var csvResponse = await (await app.SignInAsync("vanthu")).GetAsync($"/api/reporting/schedules/{id}/status.csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var bytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("Đơn vị,Tháng 1/2026 (hạn 15/01/2026),Tháng 2/2026 (hạn 15/02/2026)", csv);
        Assert.Contains("Trường TH Lê Lợi,Đúng hạn (08/01/2026 10:00),Chưa mở", csv);
        Assert.Contains("Trường THCS Phương Đông,Nộp muộn (19/01/2026 15:00),Chưa mở", csv);
        Assert.Contains("Trường THCS Phương Nam,Quá hạn,Chưa mở", csv);

        // The rest of the year: the first school always answers at once, the others never.
        foreach (var period in periods[1..])
        {
            clock.AdjustTime(period.GetProperty("opensAt").GetDateTimeOffset().ToUniversalTime());
            await RunCycleAsync(app);
            if (period.GetProperty("key").GetString() == "2026-02")
            {
                status = await (await app.SignInAsync("vanthu")).GetFromJsonAsync<JsonElement>($"/api/reporting/schedules/{id}/status");
                Assert.Equal("missing", Cell(status, Schools[3], 1));
            }
            await SubmitAsync(app, Schools[0], period.GetProperty("key").GetString()!, clock.GetUtcNow().AddHours(1));
            foreach (var step in new[] { -3, -1, 1, 4 })
            {
                clock.AdjustTime(StepTime(period, step).ToUniversalTime());
                await RunCycleAsync(app);
            }
        }
        mail = await MailAsync(smtp, 33 + 11 * (9 + 8 + 8 + 8 + 2));
        Assert.Equal(33 + 11 * 35, mail.Count);
        Assert.All(mail.GroupBy(m => (string.Join(",", m.To), m.Subject)), g => Assert.Single(g));
        Assert.Equal(12, mail.Count(m => m.To.Contains(Schools[0])));
        Assert.Equal(12 * 4, mail.Count(m => m.To.Contains(Schools[8])));
        Assert.Equal(24, mail.Count(m => m.Subject.StartsWith("Tổng hợp:", StringComparison.Ordinal)));
        status = await (await app.SignInAsync("vanthu")).GetFromJsonAsync<JsonElement>($"/api/reporting/schedules/{id}/status");
        Assert.All(Enumerable.Range(0, 12), p => Assert.Equal("on_time", Cell(status, Schools[0], p)));
        Assert.All(Enumerable.Range(1, 11), p => Assert.Equal("overdue", Cell(status, Schools[1], p)));
        var audit = await (await app.SignInAsync("vanthu")).GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(audit.GetProperty("intact").GetBoolean());
        Assert.Equal(12L + 12 * 4, await ScalarAsync<long>(app, "SELECT count(*) FROM audit_log WHERE action IN ('reporting.period-opened', 'reporting.step-done')"));
    }

    /// <summary>The school opens its link, takes the form's antiforgery token and uploads a PDF and a note (multipart).</summary>
    private static async Task SubmitOnPageAsync(WorkflowsApp app, string token, string expectedState)
    {
        var page = await new Submissions.SchoolClient(app).SubmitAsync(token, "Báo cáo tháng 1 đã được hiệu trưởng duyệt.",
            ("Báo cáo tháng 1.pdf", SampleFiles.Pdf("Tháng 1")));
        Assert.True(page.Status == HttpStatusCode.OK, page.Text);
        Assert.Contains("da-nhan=1", page.Address!.Query);
        Assert.Contains("Đã nhận báo cáo (lần nộp 1)", page.Html);
        Assert.Contains(expectedState, page.Html);
    }

    internal static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("Condition not met.");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"https://baocao\.uongbi\.example\.org/nop-bao-cao/([A-Za-z0-9_-]{43})\s")]
    private static partial Regex LinkPattern();
}
