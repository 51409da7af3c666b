using Microsoft.Extensions.Time.Testing;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflows.BrowserTests.Ui;

/// <summary>The whole story of one plan, through the pages only, as the five people of the Uông Bí office would do it.</summary>
public sealed class PlanStoryBrowserTests(PlanStoryBrowserTests.StoryFixture fixture) : IClassFixture<PlanStoryBrowserTests.StoryFixture>
{
    /// <summary>The story on 2 January 2026 (Vietnam), the reporting catch-up run by the test (Hangfire's own runs act at the same test clock).</summary>
    public sealed class StoryFixture : BrowserFixture
    {
        private protected override FakeTimeProvider CreateClock() => new(ReportingFlow.Vn(2026, 1, 2, 8).ToUniversalTime());

        private protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
            [new("Workflows:Scheduler:HeartbeatSeconds", "2")];
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

    /// <summary>
    /// Every page of the story: no internal code on it (<see cref="CodeWords"/>), then a screenshot at its width and,
    /// for a desktop page, one at 390 px too.
    /// </summary>
    private static Task ShotAsync(IPage page, string name) => BrowserFixture.StoryShotAsync(page, name, mustFit390: false);

    [Fact]
    public async Task A_plan_goes_from_upload_through_review_return_revision_signature_and_release_and_a_school_submits_through_the_link_it_received_and_the_office_sees_it_on_the_dashboard()
    {
        // The drafter uploads the 2023 plan and sees every field the reader found.
        var drafter = await fixture.SignInAsync("chuyenvien");
        await drafter.GetByRole(AriaRole.Link, new() { Name = "Tải kế hoạch lên" }).First.ClickAsync();
        await ShotAsync(drafter, "01-tai-len");
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
        // The work programme and the footnotes the reader found are in the form too, and can be corrected there.
        await Expect(drafter.GetByTestId("chuong-trinh-dong")).ToHaveCountAsync(35 + 2);
        await Expect(drafter.Locator("[name='Form.Programme[0].Lead']")).ToHaveValueAsync("Chuyên môn");
        await Expect(drafter.Locator("[name='Form.Footnotes[0].Text']")).ToHaveValueAsync(new Regex("^Chủ đề năm học 2022-2023 của ngành"));
        await drafter.Locator("[name='Form.Programme[0].Lead']").FillAsync("Chuyên môn Mầm non, Tiểu học, THCS");
        await ShotAsync(drafter, "02-sua-truong");

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
        // The whole plan in the Nghị định 30 layout: the work programme table grouped by quarter, the footnotes under the body.
        var programme = drafter.GetByTestId("chuong-trinh");
        await Expect(programme).ToContainTextAsync("CHƯƠNG TRÌNH CÔNG TÁC");
        await Expect(programme.GetByTestId("chuong-trinh-ky")).ToHaveTextAsync(["Quý I/2023", "Quý II/2023", "Quý III/2023", "Quý IV/2023"]);
        await Expect(programme.GetByTestId("chuong-trinh-viec")).ToHaveCountAsync(35);
        await Expect(programme.GetByTestId("chuong-trinh-viec").First).ToContainTextAsync("Chuyên môn Mầm non, Tiểu học, THCS");
        await Expect(drafter.GetByTestId("chu-thich").Locator("p")).ToHaveCountAsync(7);
        await Expect(drafter.GetByTestId("chu-thich").Locator("p").First).ToContainTextAsync("1 Chủ đề năm học 2022-2023 của ngành");

        // The reviewer finds it in the inbox, reads the document and approves.
        var reviewer = await fixture.SignInAsync("photruongphong");
        await Expect(reviewer.GetByTestId("viec")).ToHaveCountAsync(1);
        await Expect(reviewer.GetByTestId("viec")).ToContainTextAsync("Kiểm tra");
        await ShotAsync(reviewer, "03-hop-thu-kiem-tra");
        await reviewer.GetByTestId("viec").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(reviewer.GetByTestId("van-ban")).ToContainTextAsync("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        await Expect(reviewer.GetByTestId("van-ban")).ToContainTextAsync("KẾ HOẠCH");
        await Expect(reviewer.GetByTestId("khoi-ky")).ToContainTextAsync("TRƯỞNG PHÒNG");
        await Expect(reviewer.GetByTestId("noi-nhan-van-ban")).ToContainTextAsync("- Văn phòng Sở GDĐT;");
        await Expect(reviewer.GetByTestId("noi-nhan-van-ban").Locator("li").Last).ToHaveTextAsync("- Lưu: VT, TĐ-TH.");
        await ShotAsync(reviewer, "04-kiem-tra");
        // The reviewer opens the uploaded original as it was uploaded.
        var original = await reviewer.RunAndWaitForDownloadAsync(() => reviewer.GetByTestId("tep-goc").ClickAsync());
        Assert.Equal("uongbi-2023-95-KH-PGDDT.txt", original.SuggestedFilename);
        Assert.Equal(await File.ReadAllBytesAsync(RepositoryPaths.Plan("uongbi-2023-95-KH-PGDDT.txt")), await File.ReadAllBytesAsync((await original.PathAsync())!));
        // Printing gives the document alone: no menu, no panels, no history.
        await reviewer.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(reviewer.Locator("header.top")).ToBeHiddenAsync();
        await Expect(reviewer.Locator("#xu-ly")).ToBeHiddenAsync();
        await Expect(reviewer.Locator("#lich-su")).ToBeHiddenAsync();
        await Expect(reviewer.GetByTestId("van-ban")).ToBeVisibleAsync();
        await Expect(reviewer.GetByTestId("chuong-trinh")).ToBeVisibleAsync();
        await reviewer.EmulateMediaAsync(new() { Media = Media.Screen });
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Đồng ý, trình ký" }).ClickAsync();
        await Expect(reviewer.GetByTestId("trang-thai")).ToHaveTextAsync("Chờ ký ban hành");

        // The signer tries to return it without a comment (refused next to the field), then returns it with one.
        var signer = await fixture.SignInAsync("truongphong");
        await signer.GotoAsync(planUrl);
        await signer.GetByRole(AriaRole.Button, new() { Name = "Trả lại" }).ClickAsync();
        await Expect(signer.GetByTestId("form-return")).ToContainTextAsync("Cần ghi ý kiến khi trả lại.");
        await ShotAsync(signer, "05-tra-lai-thieu-y-kien");
        await signer.GetByLabel("Ý kiến khi trả lại (bắt buộc)").FillAsync("Bổ sung Trường Tiểu học Lê Lợi vào chỉ tiêu trường chuẩn.");
        await signer.GetByRole(AriaRole.Button, new() { Name = "Trả lại" }).ClickAsync();
        await Expect(signer.GetByTestId("trang-thai")).ToHaveTextAsync("Bị trả lại, chờ chỉnh sửa");

        // The drafter sees the comment beside the form, revises and resubmits.
        await drafter.GotoAsync("/hop-thu");
        await Expect(drafter.GetByTestId("viec")).ToContainTextAsync("Soạn thảo, chỉnh sửa");
        await drafter.GetByTestId("viec").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(drafter.GetByTestId("y-kien-tra-lai")).ToHaveTextAsync("Bổ sung Trường Tiểu học Lê Lợi vào chỉ tiêu trường chuẩn.");
        await ShotAsync(drafter, "06-chinh-sua-sau-tra-lai");
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
        await ShotAsync(signer, "07-ky");
        await signer.GetByRole(AriaRole.Button, new() { Name = "Ký ban hành" }).ClickAsync();
        // Signing asks once more, repeating the form, the signer block and the name.
        await Expect(signer.GetByTestId("xac-nhan-chuc-danh")).ToHaveTextAsync("TRƯỞNG PHÒNG");
        await Expect(signer.GetByTestId("xac-nhan-nguoi-ky")).ToHaveTextAsync("Trần Nam Hải");
        await Expect(signer.GetByTestId("trang-thai")).ToHaveTextAsync("Chờ ký ban hành");
        await ShotAsync(signer, "07b-xac-nhan-ky");
        await signer.GetByRole(AriaRole.Button, new() { Name = "Xác nhận ký ban hành" }).ClickAsync();
        await Expect(signer.GetByTestId("thong-bao")).ToHaveTextAsync("Đã ký ban hành.");
        await Expect(signer.GetByTestId("trang-thai")).ToHaveTextAsync("Đã ký, chờ cấp số");
        await Expect(signer.GetByTestId("khoi-ky")).ToContainTextAsync("(Đã ký)");
        var history = signer.GetByTestId("lich-su");
        await Expect(history.Filter(new() { HasText = "Trả lại" })).ToContainTextAsync("Bổ sung Trường Tiểu học Lê Lợi");

        // The clerk sees the number that will be given, picks the directory entry of the unknown line and releases.
        var clerk = await fixture.SignInAsync("vanthu");
        await clerk.GetByRole(AriaRole.Link, new() { Name = "Cấp số, phát hành" }).ClickAsync();
        await Expect(clerk.GetByTestId("so-se-cap")).ToHaveTextAsync("01/KH-PGDĐT");
        await ShotAsync(clerk, "08-phat-hanh");
        await clerk.GetByTestId("cho-phat-hanh").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(clerk.GetByTestId("so-se-cap")).ToHaveTextAsync("01/KH-PGDĐT");
        var unknown = clerk.GetByTestId("dong-noi-nhan").Filter(new() { HasText = "Trường Tiểu học Lê Lợi" });
        await Expect(unknown).ToHaveAttributeAsync("data-state", "unresolved");
        // The plan's monthly duty is the office's own unit's (Bộ phận thi đua, tổng hợp → Sở, UBND): reminders for that unit, no school asked.
        var dutyAudience = clerk.GetByTestId("nhiem-vu-hoi");
        await Expect(dutyAudience).ToHaveAttributeAsync("data-audience", "internal");
        await Expect(dutyAudience).ToContainTextAsync("Tổ Thi đua – Tổng hợp");
        await Expect(dutyAudience).ToContainTextAsync("không gửi yêu cầu báo cáo cho trường nào");
        await Expect(dutyAudience).Not.ToContainTextAsync("Trường");
        await Expect(clerk.GetByTestId("nhiem-vu-ky")).ToContainTextAsync("Tháng 1/2026 (hạn 15/01/2026)");
        await ShotAsync(clerk, "09-noi-nhan-chua-xac-dinh");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Cấp số và phát hành" }).ClickAsync();
        await Expect(clerk.GetByTestId("form-approve")).ToContainTextAsync("Trường Tiểu học Lê Lợi");
        await Expect(clerk.GetByTestId("trang-thai")).ToHaveTextAsync("Đã ký, chờ cấp số");
        await Expect(unknown.GetByTestId("chon-danh-ba")).ToContainTextAsync("Chọn mục danh bạ cho “Trường Tiểu học Lê Lợi”");
        await unknown.GetByLabel("Tìm trong danh bạ (gõ không dấu cũng được)").FillAsync("le loi");
        await unknown.GetByTestId("muc-danh-ba").Filter(new() { HasText = "Trường TH Lê Lợi" }).GetByRole(AriaRole.Radio).CheckAsync();
        await unknown.GetByRole(AriaRole.Button, new() { Name = "Chọn", Exact = true }).ClickAsync();
        await Expect(clerk.GetByTestId("dong-noi-nhan").Filter(new() { HasText = "Trường Tiểu học Lê Lợi" })).ToHaveAttributeAsync("data-state", "resolved");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Cấp số và phát hành" }).ClickAsync();
        await Expect(clerk.GetByTestId("trang-thai")).ToHaveTextAsync("Đã phát hành");
        await Expect(clerk.GetByTestId("thong-bao")).ToHaveTextAsync(new Regex(@"^Đã cấp số 01/KH-PGDĐT và phát hành đến [1-9]\d* nơi\.$"));
        await Expect(clerk.GetByTestId("so-ky-hieu")).ToHaveTextAsync("Số: 01/KH-PGDĐT");
        // The issued document, signed and numbered, opens from the plan page.
        var issued = await clerk.RunAndWaitForDownloadAsync(() => clerk.GetByTestId("tep-ban-hanh").ClickAsync());
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync((await issued.PathAsync())!))[..4]));
        // The history in the office's words, people by full name and title.
        var rounds = clerk.GetByTestId("lich-su");
        await Expect(rounds.Filter(new() { HasText = "Trình" }).First).ToContainTextAsync("Nguyễn Thị Lan, Chuyên viên");
        await Expect(rounds.Filter(new() { HasText = "Đồng ý — Kiểm tra" }).First).ToContainTextAsync("Phạm Văn Hùng, Phó trưởng phòng");
        await Expect(rounds.Filter(new() { HasText = "Ký ban hành (TRƯỞNG PHÒNG)" })).ToContainTextAsync("Trần Nam Hải, Trưởng phòng");
        await Expect(rounds.Filter(new() { HasText = "Cấp số và phát hành" })).ToContainTextAsync("Lê Thị Hoa, Văn thư");
        await Expect(rounds.Filter(new() { HasText = "Cấp số 01/KH-PGDĐT" })).ToHaveCountAsync(1);
        await Expect(rounds.Filter(new() { HasText = "Đã lập lịch báo cáo" })).ToHaveCountAsync(1);
        await Expect(clerk.GetByTestId("thu").Filter(new() { HasText = "th-leloi@uongbi.example.org" })).ToHaveCountAsync(1);
        // The recipient list is the one frozen at release: the line the clerk resolved, with the address it went to.
        var sentList = clerk.GetByTestId("noi-nhan-da-gui");
        await Expect(sentList.GetByTestId("dong-noi-nhan").Filter(new() { HasText = "Trường Tiểu học Lê Lợi" }).GetByTestId("gui-den"))
            .ToHaveTextAsync("Gửi đến: Trường TH Lê Lợi <th-leloi@uongbi.example.org>");
        await Expect(sentList.GetByTestId("dong-noi-nhan").Filter(new() { HasText = "Văn phòng Sở GDĐT" }).GetByTestId("gui-den"))
            .ToHaveTextAsync("Gửi đến: Sở GDĐT Quảng Ninh <vanphong@sogddt.quangninh.example.org>");
        for (var i = 0; i < 100 && await clerk.GetByTestId("tinh-trang-thu").Filter(new() { HasNotText = "Đã gửi" }).CountAsync() > 0; i++)
        {
            await Task.Delay(200);
            await clerk.ReloadAsync();
        }
        await Expect(clerk.GetByTestId("tinh-trang-thu").Filter(new() { HasNotText = "Đã gửi" })).ToHaveCountAsync(0);
        await ShotAsync(clerk, "10-da-phat-hanh");

        // The delivery panel counts every message sent and none acknowledged yet; "Gửi lại" is offered only for a failed message.
        var total = await clerk.GetByTestId("thu").CountAsync();
        await Expect(clerk.GetByTestId("dem-da-gui")).ToHaveTextAsync(total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(clerk.GetByTestId("dem-xac-nhan")).ToHaveTextAsync("0");
        await Expect(clerk.GetByTestId("thanh-giao-nhan")).ToBeVisibleAsync();
        await Expect(clerk.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Gửi lại") })).ToHaveCountAsync(0);

        // The development mail page shows the messages, in the same look, to the office's admin only.
        await Expect(clerk.GetByRole(AriaRole.Link, new() { Name = "Thư đã gửi" })).ToHaveCountAsync(0);
        var mailPage = await fixture.SignInAsync("quantri");
        await mailPage.GetByRole(AriaRole.Link, new() { Name = "Thư đã gửi" }).ClickAsync();
        var leLoi = mailPage.GetByTestId("thu").Filter(new() { HasText = "th-leloi@uongbi.example.org" });
        await Expect(leLoi).ToContainTextAsync("[01/KH-PGDĐT]");
        await Expect(leLoi).ToContainTextAsync("Đã gửi");
        await Expect(mailPage.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("\\.eml$") }).First).ToBeVisibleAsync();
        await ShotAsync(mailPage, "11-thu-da-gui");
        await mailPage.Context.CloseAsync();
        Assert.NotEmpty(Directory.GetFiles(fixture.MailFolder, "*.eml"));

        // The drafter follows the plan's status in the list of the body's plans.
        await drafter.GetByRole(AriaRole.Link, new() { Name = "Kế hoạch", Exact = true }).ClickAsync();
        var row = drafter.GetByTestId("ke-hoach").Filter(new() { HasText = "Thực hiện Nghị quyết số 06-NQ/TU" });
        await Expect(row.GetByTestId("trang-thai")).ToHaveTextAsync("Đã phát hành");
        await Expect(row).ToContainTextAsync("01/KH-PGDĐT");
        await ShotAsync(drafter, "12-ke-hoach");

        // The plan's own duty asked no school: its page lists no reporting schedule.
        await drafter.GotoAsync(planUrl);
        await Expect(drafter.GetByTestId("lich-bao-cao")).ToContainTextAsync("Kế hoạch không lập lịch báo cáo nào.");
        await Expect(drafter.GetByTestId("nhac-viec").Locator("li")).ToHaveCountAsync(12);
        await Expect(drafter.GetByTestId("nhac-viec").Locator("li").First).ToContainTextAsync("Tổ Thi đua – Tổng hợp <to-tdth@uongbi.example.org>");

        // The drafter asks the schools for their monthly report on the plan through a campaign of its own.
        await drafter.GotoAsync("/bao-cao/tao-dot");
        await drafter.GetByLabel("Tên báo cáo (trường sẽ thấy trong thư)").FillAsync("Báo cáo kết quả thực hiện Kế hoạch số 01/KH-PGDĐT");
        await drafter.GetByLabel("Hạn nộp: ngày trong tháng (1–31)").FillAsync("15");
        await drafter.GetByRole(AriaRole.Button, new() { Name = "Lập đợt báo cáo" }).ClickAsync();
        await drafter.WaitForURLAsync(new Regex("/bao-cao/[0-9a-f-]{36}$"));
        var scheduleId = drafter.Url.Split('/').Last();

        // On 5 January the job sends each school its request with its own link.
        fixture.App.Clock.AdjustTime(ReportingFlow.Vn(2026, 1, 5).ToUniversalTime());
        await ReportingFlow.RunCycleAsync(fixture.App);
        string? link = null, requestFile = null;
        for (var i = 0; i < 150 && link is null; i++)
        {
            (requestFile, link) = Directory.GetFiles(fixture.MailFolder, "*.eml").Select(f => (File: f, Mail: ReadEml(f)))
                .Where(m => m.Mail.Headers.Contains("th-leloi@uongbi.example.org", StringComparison.Ordinal))
                .Select(m => (m.File, Match: Regex.Match(m.Mail.Body, "/nop-bao-cao/([A-Za-z0-9_-]+)")))
                .Where(m => m.Match.Success).Select(m => ((string?)Path.GetFileName(m.File), (string?)m.Match.Groups[1].Value)).FirstOrDefault();
            if (link is null) await Task.Delay(200);
        }
        Assert.NotNull(link);
        // The office's admin reads the mail page (Admins only); the school's link is masked there, only the school's mailbox has it whole.
        var mailAdmin = await fixture.SignInAsync("quantri");
        await mailAdmin.GotoAsync("/dev/mail");
        await Expect(mailAdmin.GetByTestId("thu").Filter(new() { HasText = "Đề nghị gửi báo cáo" }).Filter(new() { HasText = "th-leloi@uongbi.example.org" })).ToHaveCountAsync(1);
        // The message itself, decoded on the page: its Vietnamese subject and text with the school's link masked.
        await mailAdmin.GetByRole(AriaRole.Link, new() { Name = $"Xem nội dung {requestFile}" }).ClickAsync();
        await Expect(mailAdmin.GetByTestId("noi-dung-thu").GetByRole(AriaRole.Heading)).ToContainTextAsync("Đề nghị gửi báo cáo");
        await Expect(mailAdmin.GetByTestId("noi-dung-thu")).ToContainTextAsync("th-leloi@uongbi.example.org");
        await Expect(mailAdmin.GetByTestId("than-thu")).ToContainTextAsync($"/nop-bao-cao/{link![..4]}…");
        await Expect(mailAdmin.GetByTestId("than-thu")).Not.ToContainTextAsync(link);
        await Expect(mailAdmin.GetByTestId("than-thu")).ToContainTextAsync("01/KH-PGDĐT");
        await ShotAsync(mailAdmin, "13-thu-de-nghi-bao-cao");
        await mailAdmin.Context.CloseAsync();

        // The school opens its link (no account) and submits a file.
        var schoolContext = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl });
        var school = await schoolContext.NewPageAsync();
        await school.GotoAsync($"/nop-bao-cao/{link}");
        await Expect(school.Locator("#status")).ToContainTextAsync("Chưa nộp");
        // The page names the office asking and how to reach it (Workflows:IssuingBodies' Address, Phone and Email).
        var office = school.GetByTestId("lien-he");
        await Expect(office).ToContainTextAsync("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO – UBND THÀNH PHỐ UÔNG BÍ");
        await Expect(office.GetByTestId("dia-chi")).ToHaveTextAsync("Số 2 đường Trần Hưng Đạo, phường Quang Trung, thành phố Uông Bí, tỉnh Quảng Ninh");
        await Expect(office.GetByRole(AriaRole.Link, new() { Name = "0203 3854 321" })).ToHaveAttributeAsync("href", "tel:02033854321");
        await Expect(office.GetByRole(AriaRole.Link, new() { Name = "vanphong@pgddt.uongbi.example.org" })).ToHaveAttributeAsync("href", "mailto:vanphong@pgddt.uongbi.example.org");
        await Expect(school.Locator("main, body").First).ToContainTextAsync("01/KH-PGDĐT");
        await ShotAsync(school, "14-truong-mo-lien-ket");
        var report = Path.Combine(Path.GetTempPath(), $"bao-cao-thang-1-{Guid.NewGuid():N}.pdf");
        await File.WriteAllTextAsync(report, "%PDF-1.4\n% Báo cáo tháng 1/2026 của Trường TH Lê Lợi\n%%EOF\n");
        await school.GetByLabel("Tệp báo cáo").SetInputFilesAsync(report);
        await school.GetByRole(AriaRole.Button, new() { Name = "Nộp báo cáo" }).ClickAsync();
        await Expect(school.Locator("#status")).ToContainTextAsync("Đã nộp");
        await ShotAsync(school, "15-truong-da-nop");

        // The reporting status (the API the dashboard reads) shows Lê Lợi submitted and the eight other schools not.
        var status = (await (await clerk.Context.APIRequest.GetAsync($"/api/reporting/schedules/{scheduleId}/status")).JsonAsync())!.Value;
        var firstPeriod = status.GetProperty("schools").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("cells")[0].GetProperty("state").GetString());
        Assert.Equal(9, firstPeriod.Count);
        Assert.Equal("on_time", firstPeriod["Trường TH Lê Lợi"]);
        Assert.All(firstPeriod.Where(c => c.Key != "Trường TH Lê Lợi"), c => Assert.DoesNotContain(c.Value, new[] { "on_time", "late" }));

        // The clerk opens the reporting dashboard in the browser: Lê Lợi on time, the eight others not yet submitted, in words.
        await clerk.GetByRole(AriaRole.Link, new() { Name = "Báo cáo", Exact = true }).ClickAsync();
        var scheduleRow = clerk.GetByTestId("lich").Filter(new() { HasText = "Hằng tháng, hạn ngày 15" });
        await Expect(scheduleRow).ToHaveCountAsync(1);
        await Expect(clerk.GetByTestId("nhom-lich").Filter(new() { Has = scheduleRow })).ToContainTextAsync("Đợt báo cáo riêng");
        await ShotAsync(clerk, "16-bao-cao-danh-sach");
        await scheduleRow.GetByRole(AriaRole.Link).ClickAsync();
        await clerk.WaitForURLAsync($"**/bao-cao/{scheduleId}");
        var rows = clerk.GetByTestId("dong-truong");
        await Expect(rows).ToHaveCountAsync(9);
        var leLoiRow = rows.Filter(new() { HasText = "Trường TH Lê Lợi" });
        await Expect(leLoiRow.Locator("td").First).ToContainTextAsync("Đúng hạn");
        await Expect(leLoiRow.Locator("td").First).ToHaveAttributeAsync("data-state", "on_time");
        await Expect(rows.Filter(new() { HasNotText = "Trường TH Lê Lợi" }).Locator("td:nth-child(2)"))
            .ToHaveTextAsync(Enumerable.Repeat("Chưa nộp", 8).ToArray());
        await Expect(rows.Locator("td:nth-child(3)").First).ToHaveTextAsync("Chưa mở");
        await Expect(clerk.GetByTestId("tong-hop")).ToContainTextAsync("Đúng hạn: 1");
        await Expect(clerk.GetByTestId("tong-hop")).ToContainTextAsync("Chưa nộp: 8");
        foreach (var word in new[] { "Đúng hạn", "Nộp muộn", "Chưa nộp", "Quá hạn", "Chưa mở" })
            await Expect(clerk.GetByTestId("chu-giai")).ToContainTextAsync(word);
        await Expect(clerk.GetByTestId("khong-qua-han")).ToBeVisibleAsync();
        await Expect(clerk.GetByTestId("ky").First).ToContainTextAsync("Tháng 1/2026");
        await Expect(clerk.GetByTestId("ky").First).ToContainTextAsync("hết ngày 15/01/2026");
        await ShotAsync(clerk, "17-bao-cao-ma-tran");
        // The pictures: per period a stacked bar in words for screen readers, and the submissions against the deadline.
        var bars = clerk.GetByTestId("bieu-do-ky");
        await Expect(bars).ToHaveAttributeAsync("role", "img");
        await Expect(bars.Locator("desc")).ToContainTextAsync("Tháng 1/2026: Đúng hạn 1, Nộp muộn 0, Chưa nộp 8, Quá hạn 0");
        await Expect(bars.Locator("g[data-state=on_time] title")).ToHaveTextAsync("Tháng 1/2026: Đúng hạn 1/9");
        await Expect(clerk.GetByTestId("bieu-do-thoi-gian").Locator("desc")).ToContainTextAsync("1/9 đơn vị đã nộp, 1 trước hạn hết ngày 15/01/2026");
        await Expect(clerk.GetByTestId("han-nop")).ToHaveCountAsync(1);
        // The matrix searches schools and filters by the current period's state.
        await clerk.GetByLabel("Tìm trường").FillAsync("Lê Lợi");
        await clerk.GetByTestId("loc-truong").GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(clerk.GetByTestId("so-truong")).ToHaveTextAsync("1 / 9 đơn vị");
        await clerk.GetByLabel("Tìm trường").FillAsync("");
        await clerk.GetByLabel("Tình trạng kỳ Tháng 1/2026").SelectOptionAsync("missing");
        await clerk.GetByTestId("loc-truong").GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(8);
        await Expect(rows.Filter(new() { HasText = "Trường TH Lê Lợi" })).ToHaveCountAsync(0);
        await ShotAsync(clerk, "17b-bao-cao-loc");
        await clerk.GotoAsync($"/bao-cao/{scheduleId}");

        // The CSV download: one line per school, Vietnamese states.
        var download = await clerk.RunAndWaitForDownloadAsync(() => clerk.GetByTestId("tai-csv").ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename);
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal(10, csv.Length);
        Assert.Contains(csv, l => l.StartsWith("Trường TH Lê Lợi,Đúng hạn (", StringComparison.Ordinal));
        Assert.Equal(8, csv.Count(l => Regex.IsMatch(l, "^[^,]+,Chưa nộp,")));

        // Lê Lợi's cell opens its request: the version and its file, downloaded as submitted.
        await leLoiRow.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(clerk.GetByTestId("tinh-trang-nop")).ToContainTextAsync("Đúng hạn");
        await Expect(clerk.GetByTestId("lan-nop")).ToHaveCountAsync(1);
        var fileLink = clerk.GetByTestId("tep");
        await Expect(fileLink).ToHaveTextAsync(Path.GetFileName(report));
        var file = await clerk.RunAndWaitForDownloadAsync(() => fileLink.ClickAsync());
        Assert.StartsWith("%PDF-1.4", await File.ReadAllTextAsync((await file.PathAsync())!));
        await ShotAsync(clerk, "18-bao-cao-yeu-cau");

        // A user of another body can neither open the request nor revoke its link, even with a valid token of their own session.
        var requestPath = new Uri(clerk.Url).AbsolutePath;
        var stranger = await fixture.SignInAsync("chuyenvien.so");
        Assert.Equal(403, (await stranger.GotoAsync(requestPath))!.Status);
        await Expect(stranger.Locator("body")).Not.ToContainTextAsync("Lê Lợi");
        var strangerToken = await stranger.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        var revokeStatus = await stranger.EvaluateAsync<int>(
            """
            async ([url, token]) => (await fetch(url, { method: 'POST', redirect: 'manual',
                body: new URLSearchParams({ __RequestVerificationToken: token, Confirm: 'true' }) })).status
            """, new[] { requestPath + "?handler=ThuHoi", strangerToken });
        Assert.Equal(403, revokeStatus);
        await stranger.Context.CloseAsync();
        await clerk.ReloadAsync();
        await Expect(clerk.GetByTestId("tinh-trang-duong-dan")).ToHaveTextAsync("Đang dùng được");

        // The clerk revokes the link (a confirmation first): the school's page then says so; a new link goes out by email.
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Thu hồi đường dẫn" }).ClickAsync();
        await Expect(clerk.GetByTestId("form-thu-hoi")).ToContainTextAsync("Đánh dấu ô xác nhận để thu hồi đường dẫn.");
        await clerk.GetByLabel("Tôi xác nhận thu hồi", new() { Exact = false }).CheckAsync();
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Thu hồi đường dẫn" }).ClickAsync();
        await Expect(clerk.GetByTestId("tinh-trang-duong-dan")).ToContainTextAsync("Đã thu hồi lúc");
        await school.ReloadAsync();
        await Expect(school.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Đường dẫn đã bị thu hồi");
        var mailsBefore = Directory.GetFiles(fixture.MailFolder, "*.eml").ToHashSet();
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Cấp lại đường dẫn" }).ClickAsync();
        await Expect(clerk.GetByTestId("thong-bao")).ToContainTextAsync("Đã cấp đường dẫn mới");
        await Expect(clerk.GetByTestId("tinh-trang-duong-dan")).ToHaveTextAsync("Đang dùng được");
        string? newLink = null;
        for (var i = 0; i < 150 && newLink is null; i++)
        {
            newLink = Directory.GetFiles(fixture.MailFolder, "*.eml").Where(f => !mailsBefore.Contains(f)).Select(ReadEml)
                .Where(m => m.Headers.Contains("th-leloi@uongbi.example.org", StringComparison.Ordinal))
                .Select(m => Regex.Match(m.Body, "/nop-bao-cao/([A-Za-z0-9_-]+)"))
                .FirstOrDefault(m => m.Success)?.Groups[1].Value;
            if (newLink is null) await Task.Delay(200);
        }
        Assert.NotNull(newLink);
        Assert.NotEqual(link, newLink);

        // The school page on a 360 px phone, in the office's look, through the new link.
        var phoneSchoolContext = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 360, Height = 740 } });
        var phoneSchool = await phoneSchoolContext.NewPageAsync();
        await phoneSchool.GotoAsync($"/nop-bao-cao/{newLink}");
        await Expect(phoneSchool.Locator("#status")).ToContainTextAsync("Đã nộp");
        await Expect(phoneSchool.Locator("header.top")).ToContainTextAsync("Văn bản & báo cáo");
        Assert.True(await phoneSchool.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360, "the school page fits 360 px");
        await ShotAsync(phoneSchool, "19-truong-dien-thoai");
        await phoneSchoolContext.CloseAsync();

        // The dashboard on a 360 px phone: the page fits, the matrix scrolls in its own box and the school names stay in view.
        var phone = await fixture.SignInAsync("vanthu", width: 360, height: 740);
        await phone.GotoAsync($"/bao-cao/{scheduleId}");
        Assert.True(await phone.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360, "the dashboard fits 360 px");
        var matrix = phone.GetByTestId("ma-tran");
        Assert.True(await matrix.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), "the matrix scrolls inside its box");
        var nameCell = phone.GetByTestId("dong-truong").First.Locator("th");
        var before = (await nameCell.BoundingBoxAsync())!.X;
        await matrix.EvaluateAsync("e => e.scrollLeft = 400");
        Assert.Equal(before, (await nameCell.BoundingBoxAsync())!.X, 1);
        await matrix.EvaluateAsync("e => e.scrollLeft = 0");
        await ShotAsync(phone, "19-bao-cao-dien-thoai");

        // By keyboard: Tab reaches the matrix box and Lê Lợi's cell link, Enter opens its request.
        string focused = "";
        for (var i = 0; i < 80 && !focused.Contains("Trường TH Lê Lợi", StringComparison.Ordinal); i++)
        {
            await phone.Keyboard.PressAsync("Tab");
            focused = await phone.EvaluateAsync<string>("document.activeElement.getAttribute('aria-label') || ''");
        }
        Assert.StartsWith("Trường TH Lê Lợi, Tháng 1/2026: Đúng hạn", focused);
        await phone.Keyboard.PressAsync("Enter");
        await Expect(phone.GetByTestId("tinh-trang-nop")).ToContainTextAsync("Đúng hạn");
        await phone.Context.CloseAsync();

        File.Delete(report);
        await schoolContext.CloseAsync();
        foreach (var page in new[] { drafter, reviewer, signer, clerk }) await page.Context.CloseAsync();
    }
}
