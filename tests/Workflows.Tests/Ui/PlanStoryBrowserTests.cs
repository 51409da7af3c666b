using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflows.Tests.Infrastructure;
using Workflows.Tests.Reporting;
using static Microsoft.Playwright.Assertions;

namespace Workflows.Tests.Ui;

/// <summary>The whole story of one plan, through the pages only, as the five people of the Uông Bí office would do it.</summary>
public sealed class PlanStoryBrowserTests(PlanStoryBrowserTests.StoryFixture fixture) : IClassFixture<PlanStoryBrowserTests.StoryFixture>
{
    /// <summary>The story on 2 January 2026 (Vietnam), the reporting job run by the test rather than by its timer.</summary>
    public sealed class StoryFixture : BrowserFixture
    {
        private protected override TestClock CreateClock() => new(ReportingFlow.Vn(2026, 1, 2, 8));

        private protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
            [new("Workflows:Scheduler:CycleSeconds", "3600")];
    }

    /// <summary>The decoded text body of a pickup <c>.eml</c> file (quoted-printable, UTF-8) and its raw headers.</summary>
    private static (string Headers, string Body) ReadEml(string path)
    {
        var raw = File.ReadAllText(path);
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = raw[..split];
        var body = raw[(split + 4)..].Replace("=\r\n", "", StringComparison.Ordinal);
        var bytes = new List<byte>();
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '=' && i + 2 < body.Length && Uri.IsHexDigit(body[i + 1]) && Uri.IsHexDigit(body[i + 2]))
            {
                bytes.Add(Convert.ToByte(body.Substring(i + 1, 2), 16));
                i += 2;
            }
            else bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(body[i].ToString()));
        }
        return (headers, System.Text.Encoding.UTF8.GetString(bytes.ToArray()));
    }

    [Fact]
    public async Task A_plan_goes_from_upload_through_review_return_revision_signature_and_release_and_a_school_submits_through_the_link_it_received()
    {
        // The drafter uploads the 2023 plan and sees every field the reader found.
        var drafter = await fixture.SignInAsync("chuyenvien");
        await drafter.GetByRole(AriaRole.Link, new() { Name = "Tải kế hoạch lên" }).First.ClickAsync();
        await BrowserFixture.ShotAsync(drafter, "01-tai-len");
        await drafter.GetByLabel("Tệp kế hoạch").SetInputFilesAsync(RepositoryPaths.Plan("uongbi-2023-95-KH-PGDDT.txt"));
        await drafter.GetByRole(AriaRole.Button, new() { Name = "Tải lên và đọc" }).ClickAsync();
        await drafter.WaitForURLAsync(new Regex("/ke-hoach/[0-9a-f-]{36}/sua"));
        var planUrl = Regex.Match(drafter.Url, "/ke-hoach/[0-9a-f-]{36}").Value;
        await Expect(drafter.GetByTestId("canh-bao")).ToContainTextAsync("Không tìm thấy tên cơ quan ban hành.");
        await Expect(drafter.GetByLabel("Trích yếu")).ToHaveValueAsync(new Regex("^Thực hiện Nghị quyết số 06-NQ/TU"));
        await Expect(drafter.Locator("[name='Form.Recipients[0].Name']")).ToHaveValueAsync("Văn phòng Sở GDĐT");
        await Expect(drafter.GetByLabel("Họ và tên")).ToHaveValueAsync("Trần Nam Hải");
        await Expect(drafter.Locator("[name='Form.Duties[0].Text']")).ToHaveValueAsync(new Regex("Trước ngày 15 hằng tháng"));
        await Expect(drafter.Locator("[name='Form.Duties[0].Frequency']")).ToHaveValueAsync("monthly");
        await BrowserFixture.ShotAsync(drafter, "02-sua-truong");

        // It corrects the issuer the reader missed and adds a school the directory knows under another name, then submits.
        await drafter.GetByLabel("Cơ quan ban hành").FillAsync("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO");
        var recipientRows = await drafter.GetByTestId("noi-nhan").CountAsync();
        await drafter.Locator($"[name='Form.Recipients[{recipientRows - 2}].Name']").FillAsync("Trường Tiểu học Lê Lợi");
        await drafter.GetByRole(AriaRole.Button, new() { Name = "Lưu và trình" }).ClickAsync();
        await drafter.WaitForURLAsync(new Regex(Regex.Escape(planUrl) + "\\?"));
        await Expect(drafter.GetByTestId("trang-thai")).ToHaveTextAsync("Chờ kiểm tra");
        await Expect(drafter.GetByTestId("van-ban")).ToContainTextAsync("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO");
        await Expect(drafter.GetByTestId("van-ban")).ToContainTextAsync("Trường Tiểu học Lê Lợi");
        await Expect(drafter.GetByTestId("so-ky-hieu")).ToHaveTextAsync("Số: …/KH-PGDĐT");

        // The reviewer finds it in the inbox, reads the document and approves.
        var reviewer = await fixture.SignInAsync("photruongphong");
        await Expect(reviewer.GetByTestId("viec")).ToHaveCountAsync(1);
        await Expect(reviewer.GetByTestId("viec")).ToContainTextAsync("Kiểm tra");
        await BrowserFixture.ShotAsync(reviewer, "03-hop-thu-kiem-tra");
        await reviewer.GetByTestId("viec").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(reviewer.GetByTestId("van-ban")).ToContainTextAsync("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        await Expect(reviewer.GetByTestId("van-ban")).ToContainTextAsync("KẾ HOẠCH");
        await Expect(reviewer.GetByTestId("khoi-ky")).ToContainTextAsync("TRƯỞNG PHÒNG");
        await Expect(reviewer.GetByTestId("noi-nhan-van-ban")).ToContainTextAsync("- Văn phòng Sở GDĐT;");
        await Expect(reviewer.GetByTestId("noi-nhan-van-ban").Locator("li").Last).ToHaveTextAsync("- Lưu: VT, TĐ-TH.");
        await BrowserFixture.ShotAsync(reviewer, "04-kiem-tra");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Đồng ý, trình ký" }).ClickAsync();
        await Expect(reviewer.GetByTestId("trang-thai")).ToHaveTextAsync("Chờ ký ban hành");

        // The signer tries to return it without a comment (refused next to the field), then returns it with one.
        var signer = await fixture.SignInAsync("truongphong");
        await signer.GotoAsync(planUrl);
        await signer.GetByRole(AriaRole.Button, new() { Name = "Trả lại" }).ClickAsync();
        await Expect(signer.GetByTestId("form-return")).ToContainTextAsync("Cần ghi ý kiến khi trả lại.");
        await BrowserFixture.ShotAsync(signer, "05-tra-lai-thieu-y-kien");
        await signer.GetByLabel("Ý kiến khi trả lại (bắt buộc)").FillAsync("Bổ sung Trường Tiểu học Lê Lợi vào chỉ tiêu trường chuẩn.");
        await signer.GetByRole(AriaRole.Button, new() { Name = "Trả lại" }).ClickAsync();
        await Expect(signer.GetByTestId("trang-thai")).ToHaveTextAsync("Bị trả lại, chờ chỉnh sửa");

        // The drafter sees the comment beside the form, revises and resubmits.
        await drafter.GotoAsync("/hop-thu");
        await Expect(drafter.GetByTestId("viec")).ToContainTextAsync("Soạn thảo, chỉnh sửa");
        await drafter.GetByTestId("viec").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(drafter.GetByTestId("y-kien-tra-lai")).ToHaveTextAsync("Bổ sung Trường Tiểu học Lê Lợi vào chỉ tiêu trường chuẩn.");
        await BrowserFixture.ShotAsync(drafter, "06-chinh-sua-sau-tra-lai");
        var body = drafter.GetByLabel("Nội dung (mỗi đoạn một dòng)");
        await body.FillAsync(await body.InputValueAsync() + "\nBổ sung: Trường Tiểu học Lê Lợi phấn đấu đạt chuẩn quốc gia mức độ 2.");
        await drafter.GetByRole(AriaRole.Button, new() { Name = "Lưu và trình" }).ClickAsync();
        await Expect(drafter.GetByTestId("trang-thai")).ToHaveTextAsync("Chờ kiểm tra");
        await Expect(drafter.GetByTestId("van-ban")).ToContainTextAsync("phấn đấu đạt chuẩn quốc gia mức độ 2");

        // Review again, then the head signs directly.
        await reviewer.GotoAsync(planUrl);
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Đồng ý, trình ký" }).ClickAsync();
        await Expect(reviewer.GetByTestId("trang-thai")).ToHaveTextAsync("Chờ ký ban hành");
        await signer.GotoAsync(planUrl);
        await Expect(signer.GetByLabel("Hình thức ký")).ToHaveValueAsync("direct");
        await BrowserFixture.ShotAsync(signer, "07-ky");
        await signer.GetByRole(AriaRole.Button, new() { Name = "Ký ban hành" }).ClickAsync();
        await Expect(signer.GetByTestId("trang-thai")).ToHaveTextAsync("Đã ký, chờ cấp số");
        await Expect(signer.GetByTestId("khoi-ky")).ToContainTextAsync("(Đã ký)");
        var history = signer.GetByTestId("lich-su");
        await Expect(history.Filter(new() { HasText = "Trả lại" })).ToContainTextAsync("Bổ sung Trường Tiểu học Lê Lợi");

        // The clerk sees the number that will be given, picks the directory entry of the unknown line and releases.
        var clerk = await fixture.SignInAsync("vanthu");
        await clerk.GetByRole(AriaRole.Link, new() { Name = "Cấp số, phát hành" }).ClickAsync();
        await Expect(clerk.GetByTestId("so-se-cap")).ToHaveTextAsync("01/KH-PGDĐT");
        await BrowserFixture.ShotAsync(clerk, "08-phat-hanh");
        await clerk.GetByTestId("cho-phat-hanh").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(clerk.GetByTestId("so-se-cap")).ToHaveTextAsync("01/KH-PGDĐT");
        var unknown = clerk.GetByTestId("dong-noi-nhan").Filter(new() { HasText = "Trường Tiểu học Lê Lợi" });
        await Expect(unknown).ToHaveAttributeAsync("data-state", "unresolved");
        await BrowserFixture.ShotAsync(clerk, "09-noi-nhan-chua-xac-dinh");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Cấp số và phát hành" }).ClickAsync();
        await Expect(clerk.GetByTestId("form-approve")).ToContainTextAsync("Trường Tiểu học Lê Lợi");
        await Expect(clerk.GetByTestId("trang-thai")).ToHaveTextAsync("Đã ký, chờ cấp số");
        await unknown.GetByLabel("Chọn mục danh bạ cho “Trường Tiểu học Lê Lợi”").SelectOptionAsync(new SelectOptionValue { Label = "Trường TH Lê Lợi (Trường học)" });
        await unknown.GetByRole(AriaRole.Button, new() { Name = "Chọn" }).ClickAsync();
        await Expect(clerk.GetByTestId("dong-noi-nhan").Filter(new() { HasText = "Trường Tiểu học Lê Lợi" })).ToHaveAttributeAsync("data-state", "resolved");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Cấp số và phát hành" }).ClickAsync();
        await Expect(clerk.GetByTestId("trang-thai")).ToHaveTextAsync("Đã phát hành");
        await Expect(clerk.GetByTestId("so-ky-hieu")).ToHaveTextAsync("Số: 01/KH-PGDĐT");
        await Expect(clerk.GetByTestId("thu").Filter(new() { HasText = "th-leloi@uongbi.example.org" })).ToHaveCountAsync(1);
        for (var i = 0; i < 100 && await clerk.GetByTestId("tinh-trang-thu").Filter(new() { HasNotText = "Đã gửi" }).CountAsync() > 0; i++)
        {
            await Task.Delay(200);
            await clerk.ReloadAsync();
        }
        await Expect(clerk.GetByTestId("tinh-trang-thu").Filter(new() { HasNotText = "Đã gửi" })).ToHaveCountAsync(0);
        await BrowserFixture.ShotAsync(clerk, "10-da-phat-hanh");

        // The clerk resends the school's message: it is queued again and leaves once more.
        var sentBefore = Directory.GetFiles(fixture.MailFolder, "*.eml").Length;
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Gửi lại cho th-leloi@uongbi.example.org" }).ClickAsync();
        await Expect(clerk.GetByTestId("thong-bao")).ToHaveTextAsync("Đã xếp thư vào hàng gửi lại.");
        for (var i = 0; i < 100 && Directory.GetFiles(fixture.MailFolder, "*.eml").Length == sentBefore; i++) await Task.Delay(200);
        Assert.Equal(sentBefore + 1, Directory.GetFiles(fixture.MailFolder, "*.eml").Length);

        // The development mail page shows the messages, in the same look.
        await clerk.GetByRole(AriaRole.Link, new() { Name = "Thư đã gửi" }).ClickAsync();
        var leLoi = clerk.GetByTestId("thu").Filter(new() { HasText = "th-leloi@uongbi.example.org" });
        await Expect(leLoi).ToContainTextAsync("[01/KH-PGDĐT]");
        await Expect(leLoi).ToContainTextAsync("Đã gửi");
        await Expect(clerk.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("\\.eml$") }).First).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(clerk, "11-thu-da-gui");
        Assert.NotEmpty(Directory.GetFiles(fixture.MailFolder, "*.eml"));

        // The drafter follows the plan's status in the list of the body's plans.
        await drafter.GetByRole(AriaRole.Link, new() { Name = "Kế hoạch", Exact = true }).ClickAsync();
        var row = drafter.GetByTestId("ke-hoach").Filter(new() { HasText = "Thực hiện Nghị quyết số 06-NQ/TU" });
        await Expect(row.GetByTestId("trang-thai")).ToHaveTextAsync("Đã phát hành");
        await Expect(row).ToContainTextAsync("01/KH-PGDĐT");
        await BrowserFixture.ShotAsync(drafter, "12-ke-hoach");

        // The reporting duty became a monthly schedule; on 5 January the job sends each school its request with its own link.
        fixture.App.Clock.Set(ReportingFlow.Vn(2026, 1, 5));
        await ReportingFlow.RunCycleAsync(fixture.App);
        string? link = null;
        for (var i = 0; i < 150 && link is null; i++)
        {
            link = Directory.GetFiles(fixture.MailFolder, "*.eml").Select(ReadEml)
                .Where(m => m.Headers.Contains("th-leloi@uongbi.example.org", StringComparison.Ordinal))
                .Select(m => Regex.Match(m.Body, "/nop-bao-cao/([A-Za-z0-9_-]+)"))
                .FirstOrDefault(m => m.Success)?.Groups[1].Value;
            if (link is null) await Task.Delay(200);
        }
        Assert.NotNull(link);
        await clerk.GotoAsync("/dev/mail");
        await Expect(clerk.GetByTestId("thu").Filter(new() { HasText = "Đề nghị gửi báo cáo" }).Filter(new() { HasText = "th-leloi@uongbi.example.org" })).ToHaveCountAsync(1);
        await BrowserFixture.ShotAsync(clerk, "13-thu-de-nghi-bao-cao");

        // The school opens its link (no account) and submits a file.
        var schoolContext = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl });
        var school = await schoolContext.NewPageAsync();
        await school.GotoAsync($"/nop-bao-cao/{link}");
        await Expect(school.Locator("#status")).ToContainTextAsync("Chưa nộp");
        await Expect(school.Locator("main, body").First).ToContainTextAsync("01/KH-PGDĐT");
        await BrowserFixture.ShotAsync(school, "14-truong-mo-lien-ket");
        var report = Path.Combine(Path.GetTempPath(), $"bao-cao-thang-1-{Guid.NewGuid():N}.pdf");
        await File.WriteAllTextAsync(report, "%PDF-1.4\n% Báo cáo tháng 1/2026 của Trường TH Lê Lợi\n%%EOF\n");
        await school.GetByLabel("Tệp báo cáo").SetInputFilesAsync(report);
        await school.GetByRole(AriaRole.Button, new() { Name = "Nộp báo cáo" }).ClickAsync();
        await Expect(school.Locator("#status")).ToContainTextAsync("Đã nộp");
        await BrowserFixture.ShotAsync(school, "15-truong-da-nop");
        File.Delete(report);

        // The reporting status (the API the dashboard reads) shows Lê Lợi submitted and the eight other schools not.
        var planId = planUrl.Split('/').Last();
        var schedules = await (await clerk.Context.APIRequest.GetAsync($"/api/reporting/plans/{planId}/schedules")).JsonAsync();
        var scheduleId = schedules!.Value.EnumerateArray().Single().GetProperty("id").GetString();
        var status = (await (await clerk.Context.APIRequest.GetAsync($"/api/reporting/schedules/{scheduleId}/status")).JsonAsync())!.Value;
        var firstPeriod = status.GetProperty("schools").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("cells")[0].GetProperty("state").GetString());
        Assert.Equal(9, firstPeriod.Count);
        Assert.Equal("on_time", firstPeriod["Trường TH Lê Lợi"]);
        Assert.All(firstPeriod.Where(c => c.Key != "Trường TH Lê Lợi"), c => Assert.DoesNotContain(c.Value, new[] { "on_time", "late" }));

        await schoolContext.CloseAsync();
        foreach (var page in new[] { drafter, reviewer, signer, clerk }) await page.Context.CloseAsync();
    }
}
