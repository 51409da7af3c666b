using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Workflows.BrowserTests.Ui;

/// <summary>Phone width, keyboard use, overdue markers, per-record authorization, antiforgery and sign-in errors, in a real browser.</summary>
public sealed class UiQualityBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<(PlanFlow Flow, Guid PlanId)> PlanAwaitingSignatureAsync(string subject)
    {
        var flow = await PlanFlow.StartAsync(fixture.App);
        var id = await flow.CreateAsync(subject);
        await flow.SubmitAsync(id);
        await PlanFlow.ActAsync(flow.Reviewer, id, "approve");
        return (flow, id);
    }

    private static async Task<int> PageWidthAsync(IPage page) => await page.EvaluateAsync<int>("document.documentElement.scrollWidth");

    [Fact]
    public async Task On_a_360_px_phone_the_inbox_and_the_sign_page_fit_the_screen_and_the_signing_actions_come_first()
    {
        var (_, planId) = await PlanAwaitingSignatureAsync("Kế hoạch tổ chức Hội khỏe Phù Đổng cấp thành phố năm học 2026–2027");
        var signer = await fixture.SignInAsync("truongphong", width: 360, height: 740);
        var task = signer.GetByTestId("viec").Filter(new() { HasText = "Hội khỏe Phù Đổng" });
        await Expect(task).ToContainTextAsync("Ký ban hành");
        await Expect(task).ToContainTextAsync(new Regex(@"Hạn xử lý: \d\d/\d\d/\d{4}"));
        Assert.True(await PageWidthAsync(signer) <= 360, $"the inbox is {await PageWidthAsync(signer)} px wide");
        await BrowserFixture.ShotAsync(signer, "20-dien-thoai-hop-thu");

        await task.GetByRole(AriaRole.Link).ClickAsync();
        await signer.WaitForURLAsync($"**/ke-hoach/{planId}");
        Assert.True(await PageWidthAsync(signer) <= 360, $"the sign page is {await PageWidthAsync(signer)} px wide");
        var sign = signer.GetByRole(AriaRole.Button, new() { Name = "Ký ban hành" });
        var button = await sign.BoundingBoxAsync();
        var document = await signer.GetByTestId("van-ban").BoundingBoxAsync();
        Assert.True(button!.Y < document!.Y, "on a phone the sign button comes before the long document");
        Assert.True(button.X >= 0 && button.X + button.Width <= 360);
        await BrowserFixture.ShotAsync(signer, "21-dien-thoai-ky");
        await sign.ClickAsync();
        var confirm = signer.GetByRole(AriaRole.Button, new() { Name = "Xác nhận ký ban hành" });
        Assert.True(await PageWidthAsync(signer) <= 360, $"the signing confirmation is {await PageWidthAsync(signer)} px wide");
        await BrowserFixture.ShotAsync(signer, "21b-dien-thoai-xac-nhan-ky");
        await confirm.ClickAsync();
        await Expect(signer.GetByTestId("trang-thai")).ToHaveTextAsync("Đã ký, chờ cấp số");
        await signer.Context.CloseAsync();
    }

    [Fact]
    public async Task A_deputy_signs_on_behalf_of_the_head_with_the_keyboard_alone()
    {
        var (_, planId) = await PlanAwaitingSignatureAsync("Kế hoạch kiểm tra nội bộ trường học năm 2027");
        var deputy = await fixture.SignInAsync("photruongphong");
        await deputy.GotoAsync($"/ke-hoach/{planId}");
        async Task<string> FocusedAsync() => await deputy.EvaluateAsync<string>(
            "(() => { const e = document.activeElement; return e.tagName + '|' + (e.id || '') + '|' + (e.textContent || '').trim(); })()");
        var sawSelect = false;
        for (var i = 0; i < 60; i++)
        {
            await deputy.Keyboard.PressAsync("Tab");
            var focused = await FocusedAsync();
            if (focused.StartsWith("SELECT|o-approve-form", StringComparison.Ordinal)) sawSelect = true;
            if (focused == "BUTTON||Ký ban hành") break;
        }
        Assert.True(sawSelect, "the signing form is reached by Tab before the sign button");
        Assert.Equal("BUTTON||Ký ban hành", await FocusedAsync());
        await Expect(deputy.GetByLabel("Hình thức ký")).ToHaveValueAsync("KT.");
        await deputy.Keyboard.PressAsync("Enter");
        // The confirmation repeats the form, the signer block and the name; the deputy confirms by keyboard too.
        await Expect(deputy.GetByTestId("xac-nhan-hinh-thuc")).ToContainTextAsync("KT. TRƯỞNG PHÒNG");
        await Expect(deputy.GetByTestId("xac-nhan-chuc-danh")).ToHaveTextAsync("KT. TRƯỞNG PHÒNG / PHÓ TRƯỞNG PHÒNG");
        await Expect(deputy.GetByTestId("xac-nhan-nguoi-ky")).ToHaveTextAsync("Phạm Văn Hùng");
        await Expect(deputy.GetByTestId("trang-thai")).ToHaveTextAsync("Chờ ký ban hành");
        for (var i = 0; i < 60 && await FocusedAsync() != "BUTTON||Xác nhận ký ban hành"; i++) await deputy.Keyboard.PressAsync("Tab");
        Assert.Equal("BUTTON||Xác nhận ký ban hành", await FocusedAsync());
        await deputy.Keyboard.PressAsync("Enter");
        await Expect(deputy.GetByTestId("thong-bao")).ToHaveTextAsync("Đã ký ban hành.");
        await Expect(deputy.GetByTestId("trang-thai")).ToHaveTextAsync("Đã ký, chờ cấp số");
        await Expect(deputy.GetByTestId("lich-su").Filter(new() { HasText = "Ký ban hành (KT. TRƯỞNG PHÒNG)" })).ToContainTextAsync("Phạm Văn Hùng, Phó trưởng phòng");
        await Expect(deputy.GetByTestId("khoi-ky")).ToContainTextAsync("KT. TRƯỞNG PHÒNG");
        await Expect(deputy.GetByTestId("khoi-ky")).ToContainTextAsync("PHÓ TRƯỞNG PHÒNG");
        await Expect(deputy.GetByTestId("khoi-ky")).ToContainTextAsync("Phạm Văn Hùng");
        await BrowserFixture.ShotAsync(deputy, "22-ky-thay-ban-phim");
        await deputy.Context.CloseAsync();
    }

    [Fact]
    public async Task The_plan_page_offers_exactly_the_signing_forms_of_the_policy_TM_to_a_wards_chairman_and_not_to_an_office_head()
    {
        var ward = await PlanFlow.StartInWardAsync(fixture.App);
        var wardPlan = await ward.CreateAsync("Kế hoạch phát triển giáo dục mầm non phường Hồng Gai năm 2027");
        await ward.SubmitAsync(wardPlan);
        await PlanFlow.ActAsync(ward.Reviewer, wardPlan, "approve");
        var chairman = await fixture.SignInAsync("chutich.phuong");
        await chairman.GotoAsync($"/ke-hoach/{wardPlan}");
        var wardForms = chairman.GetByTestId("hinh-thuc-ky").Locator("option");
        await Expect(wardForms).ToHaveCountAsync(2);
        Assert.Equal(["TM.", "direct"], await wardForms.EvaluateAllAsync<string[]>("options => options.map(o => o.value)"));
        await Expect(chairman.GetByLabel("Hình thức ký")).ToHaveValueAsync("TM.");
        await Expect(wardForms.First).ToContainTextAsync("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH");
        await BrowserFixture.ShotAsync(chairman, "29-ky-thay-mat-uy-ban");
        await chairman.GetByRole(AriaRole.Button, new() { Name = "Ký ban hành" }).ClickAsync();
        await Expect(chairman.GetByTestId("xac-nhan-chuc-danh")).ToHaveTextAsync("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH");
        await Expect(chairman.GetByTestId("xac-nhan-nguoi-ky")).ToHaveTextAsync("Bùi Văn Long");
        await chairman.GetByRole(AriaRole.Button, new() { Name = "Xác nhận ký ban hành" }).ClickAsync();
        await Expect(chairman.GetByTestId("trang-thai")).ToHaveTextAsync("Đã ký, chờ cấp số");
        await Expect(chairman.GetByTestId("khoi-ky")).ToContainTextAsync("TM. ỦY BAN NHÂN DÂN");
        await Expect(chairman.GetByTestId("khoi-ky")).ToContainTextAsync("CHỦ TỊCH");
        await chairman.Context.CloseAsync();

        var (_, officePlan) = await PlanAwaitingSignatureAsync("Kế hoạch kiểm định chất lượng giáo dục năm 2027");
        var head = await fixture.SignInAsync("truongphong");
        await head.GotoAsync($"/ke-hoach/{officePlan}");
        var officeForms = head.GetByTestId("hinh-thuc-ky").Locator("option");
        await Expect(officeForms).ToHaveCountAsync(1);
        Assert.Equal(["direct"], await officeForms.EvaluateAllAsync<string[]>("options => options.map(o => o.value)"));
        await head.Context.CloseAsync();
    }

    [Fact]
    public async Task Overdue_tasks_say_so_in_words_and_the_filters_narrow_the_inbox()
    {
        var flow = await PlanFlow.StartAsync(fixture.App);
        var late = await flow.CreateAsync("Kế hoạch bồi dưỡng thường xuyên giáo viên (trễ hạn)");
        await flow.SubmitAsync(late);
        fixture.App.Clock.Advance(TimeSpan.FromDays(10));
        var onTime = await flow.CreateAsync("Kế hoạch phòng chống đuối nước cho học sinh (trong hạn)");
        await flow.SubmitAsync(onTime);

        var reviewer = await fixture.SignInAsync("photruongphong");
        var lateTask = reviewer.GetByTestId("viec").Filter(new() { HasText = "trễ hạn" });
        var onTimeTask = reviewer.GetByTestId("viec").Filter(new() { HasText = "trong hạn)" });
        await Expect(lateTask).ToContainTextAsync("Quá hạn");
        await Expect(onTimeTask).Not.ToContainTextAsync("Quá hạn");
        await Expect(onTimeTask).ToContainTextAsync("Trong hạn");
        Assert.True(int.Parse(await reviewer.GetByTestId("so-qua-han").InnerTextAsync()) >= 1);
        await BrowserFixture.ShotAsync(reviewer, "23-hop-thu-qua-han");

        await reviewer.GetByLabel("Tình trạng").SelectOptionAsync("qua-han");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        await Expect(lateTask).ToHaveCountAsync(1);
        await Expect(onTimeTask).ToHaveCountAsync(0);
        await reviewer.GetByLabel("Tình trạng").SelectOptionAsync("trong-han");
        await reviewer.GetByLabel("Bước").SelectOptionAsync("review");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        await Expect(lateTask).ToHaveCountAsync(0);
        await Expect(onTimeTask).ToHaveCountAsync(1);
        await Expect(reviewer.GetByTestId("viec").Filter(new() { HasNotText = "Bước: Kiểm tra" })).ToHaveCountAsync(0);
        await reviewer.Context.CloseAsync();
    }

    [Fact]
    public async Task A_user_of_another_body_gets_403_on_the_plan_page_and_on_its_actions()
    {
        var (flow, planId) = await PlanAwaitingSignatureAsync("Kế hoạch tuyển sinh đầu cấp năm học 2027–2028");
        var taskId = await PlanFlow.TaskOfAsync(flow.Signer, planId);
        var stranger = await fixture.SignInAsync("chuyenvien.so");
        var response = await stranger.GotoAsync($"/ke-hoach/{planId}");
        Assert.Equal(403, response!.Status);
        await Expect(stranger.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Không có quyền truy cập");
        await Expect(stranger.Locator("body")).Not.ToContainTextAsync("Tuyển sinh đầu cấp", new() { IgnoreCase = true });
        await BrowserFixture.ShotAsync(stranger, "24-khong-co-quyen");

        // A valid antiforgery token of the stranger's own session, posted to the action of the other body's plan.
        var token = await stranger.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        var status = await stranger.EvaluateAsync<int>(
            """
            async ([url, token]) => (await fetch(url, { method: 'POST', redirect: 'manual',
                body: new URLSearchParams({ __RequestVerificationToken: token, Outcome: 'approve', SigningForm: 'direct' }) })).status
            """, new[] { $"/ke-hoach/{planId}?handler=XuLy&taskId={taskId}", token });
        Assert.Equal(403, status);
        Assert.Equal("awaiting-signature", (await flow.PlanAsync(planId)).GetProperty("status").GetString());
        await stranger.Context.CloseAsync();
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_rejected_with_400()
    {
        var (flow, planId) = await PlanAwaitingSignatureAsync("Kế hoạch chuyển đổi số trong trường học năm 2027");
        var taskId = await PlanFlow.TaskOfAsync(flow.Signer, planId);
        var signer = await fixture.SignInAsync("truongphong");
        await signer.GotoAsync($"/ke-hoach/{planId}");
        var url = $"/ke-hoach/{planId}?handler=XuLy&taskId={taskId}";
        var form = signer.Context.APIRequest.CreateFormData();
        form.Set("Outcome", "approve");
        form.Set("SigningForm", "direct");
        form.Set("Confirm", "true");
        var refused = await signer.Context.APIRequest.PostAsync(url, new() { Form = form, MaxRedirects = 0 });
        Assert.Equal(400, refused.Status);
        var refusal = await refused.TextAsync();
        Assert.True(refusal.Contains("mã chống giả mạo", StringComparison.Ordinal), refusal);
        Assert.Equal("awaiting-signature", (await flow.PlanAsync(planId)).GetProperty("status").GetString());

        // The same post with the page's token goes through: the token was what was missing.
        form.Set("__RequestVerificationToken", await signer.Locator("[data-testid=form-approve] input[name=__RequestVerificationToken]").InputValueAsync());
        var accepted = await signer.Context.APIRequest.PostAsync(url, new() { Form = form, MaxRedirects = 0 });
        Assert.Equal(302, accepted.Status);
        Assert.Equal("signed", (await flow.PlanAsync(planId)).GetProperty("status").GetString());
        await signer.Context.CloseAsync();
    }

    [Fact]
    public async Task Sign_in_errors_show_next_to_the_field_and_five_wrong_passwords_lock_the_account()
    {
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/hop-thu");
        await page.WaitForURLAsync(new Regex("/dang-nhap\\?ReturnUrl=%2Fhop-thu"));
        await BrowserFixture.ShotAsync(page, "00-dang-nhap");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for=UserName]")).ToHaveTextAsync("Cần nhập tên đăng nhập.");
        await Expect(page.Locator("[data-valmsg-for=Password]")).ToHaveTextAsync("Cần nhập mật khẩu.");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await page.GetByLabel("Tên đăng nhập").FillAsync("giamdoc.so");
            await page.GetByLabel("Mật khẩu").FillAsync("sai-mat-khau");
            await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
            await Expect(page.Locator("[data-valmsg-for=Password]")).ToHaveTextAsync(attempt < 5
                ? "Tên đăng nhập hoặc mật khẩu không đúng."
                : "Đăng nhập sai nhiều lần; hãy chờ 1 giây rồi thử lại.");
        }
        await BrowserFixture.ShotAsync(page, "25-cho-thu-lai");
        // The wait is short and for this address only: the owner is never locked out (the clock of this fixture stands still).
        await page.GetByLabel("Mật khẩu").FillAsync("demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for=Password]")).ToHaveTextAsync("Đăng nhập sai nhiều lần; hãy chờ 1 giây rồi thử lại.");
        fixture.App.Clock.Advance(TimeSpan.FromSeconds(1));
        await page.GetByLabel("Mật khẩu").FillAsync("demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(page.GetByTestId("nguoi-dung")).ToHaveTextAsync("Hoàng Văn Nam");
        await context.CloseAsync();
    }

    [Fact]
    public async Task Pages_send_strangers_to_sign_in_while_the_API_still_answers_401_and_403_without_redirects()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(fixture.BaseUrl) };
        var page = await anonymous.GetAsync("/ke-hoach");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/dang-nhap", page.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/tasks")).StatusCode);

        var flow = await PlanFlow.StartAsync(fixture.App);
        var drafter = await fixture.SignInAsync("chuyenvien");
        var admin = await drafter.GotoAsync("/quan-tri/danh-ba");
        Assert.Equal(403, admin!.Status);
        var create = await flow.Clerk.PostAsJsonAsync("/api/plans", new { subject = "Văn thư không tạo kế hoạch" });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal("application/problem+json", create.Content.Headers.ContentType?.MediaType);
        await drafter.Context.CloseAsync();
    }

    [Fact]
    public async Task A_drafter_sees_upload_and_form_errors_in_Vietnamese_next_to_the_field()
    {
        var drafter = await fixture.SignInAsync("chuyenvien");
        await drafter.GotoAsync("/ke-hoach/tai-len");
        await drafter.GetByRole(AriaRole.Button, new() { Name = "Tải lên và đọc" }).ClickAsync();
        await Expect(drafter.Locator("#File-error")).ToHaveTextAsync("Cần chọn tệp kế hoạch (.docx, .txt hoặc PDF).");
        var pdf = Path.Combine(Path.GetTempPath(), $"ke-hoach-{Guid.NewGuid():N}.pdf");
        await File.WriteAllTextAsync(pdf, "%PDF-1.4 không phải kế hoạch");
        await drafter.GetByLabel("Tệp kế hoạch").SetInputFilesAsync(pdf);
        await drafter.GetByRole(AriaRole.Button, new() { Name = "Tải lên và đọc" }).ClickAsync();
        await Expect(drafter.Locator("#File-error")).Not.ToBeEmptyAsync();
        Assert.DoesNotContain("Exception", await drafter.Locator("body").InnerTextAsync());
        await BrowserFixture.ShotAsync(drafter, "26-tai-len-loi");
        File.Delete(pdf);

        // A text saved as UTF-16 (Notepad's "Unicode") is named for what it is, in Vietnamese only.
        var utf16 = Path.Combine(Path.GetTempPath(), $"ke-hoach-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(utf16, "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nKẾ HOẠCH\nTổ chức Hội khỏe Phù Đổng", System.Text.Encoding.Unicode);
        await drafter.GetByLabel("Tệp kế hoạch").SetInputFilesAsync(utf16);
        await drafter.GetByRole(AriaRole.Button, new() { Name = "Tải lên và đọc" }).ClickAsync();
        await Expect(drafter.Locator("#File-error")).ToContainTextAsync("mã hóa UTF-16, hãy lưu lại dạng UTF-8");
        await Expect(drafter.Locator("#File-error")).Not.ToContainTextAsync("binary");
        await Expect(drafter.Locator("#File-error")).Not.ToContainTextAsync("save it");
        await CodeWords.AssertNoneAsync(drafter);
        File.Delete(utf16);

        await drafter.GetByLabel("Tệp kế hoạch").SetInputFilesAsync(RepositoryPaths.Plan("uongbi-2020-82-KH-PGDDT.txt"));
        await drafter.GetByRole(AriaRole.Button, new() { Name = "Tải lên và đọc" }).ClickAsync();
        await drafter.WaitForURLAsync(new Regex("/sua"));
        var editUrl = drafter.Url;
        await drafter.GetByLabel("Trích yếu").FillAsync("   ");
        await drafter.GetByRole(AriaRole.Button, new() { Name = "Lưu và trình" }).ClickAsync();
        await Expect(drafter.Locator("[data-valmsg-for='Form.Subject']")).ToContainTextAsync("Cần nhập trích yếu");
        await Expect(drafter.GetByTestId("trang-thai")).ToHaveTextAsync("Đang soạn thảo");
        await BrowserFixture.ShotAsync(drafter, "27-sua-loi");

        // The draft waits in the drafter's inbox until it is submitted.
        await drafter.GotoAsync("/hop-thu");
        await Expect(drafter.GetByTestId("ban-thao")).ToHaveCountAsync(1);
        await drafter.GetByTestId("ban-thao").GetByRole(AriaRole.Link).ClickAsync();
        Assert.Equal(editUrl, drafter.Url);
        await drafter.Context.CloseAsync();
    }

    [Fact]
    public async Task A_form_value_that_cannot_be_read_is_refused_in_Vietnamese_and_the_APIs_own_problems_have_Vietnamese_titles()
    {
        var drafter = await fixture.SignInAsync("chuyenvien");
        await drafter.GotoAsync("/bao-cao/tao-dot");
        await drafter.GetByLabel("Tên báo cáo (trường sẽ thấy trong thư)").FillAsync("Báo cáo số liệu học sinh đầu năm");
        var dueDay = drafter.GetByLabel("Hạn nộp: ngày trong tháng (1–31)");
        // What an old browser, or a hand-made request, sends into a number field.
        await dueDay.EvaluateAsync("e => e.type = 'text'");
        await dueDay.FillAsync("mười lăm");
        await drafter.GetByRole(AriaRole.Button, new() { Name = "Lập đợt báo cáo" }).ClickAsync();
        await Expect(drafter.Locator("[data-valmsg-for='Form.DueDay']")).ToHaveTextAsync("Giá trị “mười lăm” không hợp lệ.");
        Assert.DoesNotContain("is not valid", await drafter.Locator("body").InnerTextAsync());
        await CodeWords.AssertNoneAsync(drafter);
        await BrowserFixture.ShotAsync(drafter, "30-loi-gia-tri-khong-doc-duoc");

        // A route that does not exist and a request without a session: ProblemDetails whose titles are Vietnamese.
        var missing = await drafter.Context.APIRequest.GetAsync("/api/khong-co-duong-dan-nay");
        Assert.Equal(404, missing.Status);
        Assert.Equal("Không tìm thấy.", (await missing.JsonAsync())!.Value.GetProperty("title").GetString());
        var anonymous = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl });
        var refused = await anonymous.APIRequest.GetAsync("/api/plans");
        Assert.Equal(401, refused.Status);
        await anonymous.CloseAsync();
        await drafter.Context.CloseAsync();
    }

    [Fact]
    public async Task Rejecting_a_plan_asks_for_a_confirmation_first()
    {
        var (flow, planId) = await PlanAwaitingSignatureAsync("Kế hoạch tham quan học tập ngoài tỉnh năm 2027");
        var signer = await fixture.SignInAsync("truongphong");
        await signer.GotoAsync($"/ke-hoach/{planId}");
        var reject = signer.GetByTestId("form-reject");
        await reject.GetByRole(AriaRole.Button, new() { Name = "Không ban hành" }).ClickAsync();
        await Expect(signer.GetByTestId("form-reject")).ToContainTextAsync("Đánh dấu ô xác nhận để không ban hành kế hoạch.");
        Assert.Equal("awaiting-signature", (await flow.PlanAsync(planId)).GetProperty("status").GetString());
        await BrowserFixture.ShotAsync(signer, "28-khong-ban-hanh-xac-nhan");

        await signer.GetByLabel("Tôi xác nhận không ban hành kế hoạch này.").CheckAsync();
        await signer.GetByLabel("Lý do (không bắt buộc)").FillAsync("Chưa có kinh phí.");
        await signer.GetByTestId("form-reject").GetByRole(AriaRole.Button, new() { Name = "Không ban hành" }).ClickAsync();
        await Expect(signer.GetByTestId("trang-thai")).ToHaveTextAsync("Không ban hành");
        await Expect(signer.GetByTestId("lich-su").Filter(new() { HasText = "Chưa có kinh phí." })).ToHaveCountAsync(1);
        await signer.Context.CloseAsync();
    }

    [Fact]
    public async Task A_standalone_campaign_is_created_on_its_form_and_a_user_of_another_body_gets_403_on_its_page_and_does_not_see_it_listed()
    {
        // The office's drafter creates a standalone campaign on the form (a bad date is refused next to its field)…
        var today = DateOnly.FromDateTime(fixture.App.Clock.GetUtcNow().AddHours(7).UtcDateTime);
        // A due day at least 13 days ahead, so the first period opens (10 days before it) after today whatever this
        // fixture's clock already went through (another test of the class moves it 10 days on).
        var dueDay = Math.Min(today.AddDays(15).Day, 28).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var owner = await fixture.SignInAsync("chuyenvien");
        await owner.GetByRole(AriaRole.Link, new() { Name = "Báo cáo", Exact = true }).ClickAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = "Lập đợt báo cáo riêng" }).ClickAsync();
        await owner.GetByLabel("Tên báo cáo").FillAsync("Báo cáo số liệu phổ cập giáo dục (đợt riêng)");
        await Expect(owner.GetByLabel("Tần suất").Locator("option")).ToHaveTextAsync(["Hằng tháng", "Hằng quý", "6 tháng", "Hằng năm", "Một lần"]);
        await owner.GetByLabel("Tần suất").SelectOptionAsync("monthly");
        await owner.GetByLabel("Hạn nộp: ngày trong tháng").FillAsync(dueDay);
        await owner.GetByLabel("Áp dụng từ ngày").FillAsync("31/02/2026");
        await owner.GetByLabel("Đến ngày").FillAsync(today.AddMonths(6).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await owner.GetByRole(AriaRole.Button, new() { Name = "Lập đợt báo cáo" }).ClickAsync();
        await Expect(owner.Locator("[data-valmsg-for='Form.StartsOn']")).ToHaveTextAsync("Ngày viết theo dạng ngày/tháng/năm, ví dụ 15/03/2026.");
        await BrowserFixture.ShotAsync(owner, "29-lap-dot-bao-cao-loi");
        await owner.GetByLabel("Áp dụng từ ngày").FillAsync(today.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await owner.GetByRole(AriaRole.Button, new() { Name = "Lập đợt báo cáo" }).ClickAsync();
        await owner.WaitForURLAsync(new Regex("/bao-cao/[0-9a-f-]{36}$"));
        var id = owner.Url.Split('/').Last();
        await Expect(owner.GetByTestId("ten-bao-cao")).ToHaveTextAsync("Báo cáo số liệu phổ cập giáo dục (đợt riêng)");
        await Expect(owner.GetByTestId("dong-truong").First.GetByTestId("o").First).ToHaveTextAsync("Chưa mở");

        // …and finds it under "Báo cáo", among the standalone campaigns.
        await owner.GetByRole(AriaRole.Link, new() { Name = "Báo cáo", Exact = true }).ClickAsync();
        var row = owner.GetByTestId("lich").Filter(new() { HasText = "phổ cập giáo dục" });
        await Expect(row).ToContainTextAsync($"Hằng tháng, hạn ngày {dueDay}");
        await Expect(owner.GetByTestId("nhom-lich").Filter(new() { HasText = "phổ cập giáo dục" })).ToContainTextAsync("Đợt báo cáo riêng");
        await owner.Context.CloseAsync();

        // The provincial department's drafter neither sees it nor opens it, nor downloads its CSV.
        var stranger = await fixture.SignInAsync("chuyenvien.so");
        await stranger.GotoAsync("/bao-cao");
        await Expect(stranger.GetByTestId("lich").Filter(new() { HasText = "phổ cập giáo dục" })).ToHaveCountAsync(0);
        var response = await stranger.GotoAsync($"/bao-cao/{id}");
        Assert.Equal(403, response!.Status);
        await Expect(stranger.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Không có quyền truy cập");
        await Expect(stranger.Locator("body")).Not.ToContainTextAsync("phổ cập giáo dục", new() { IgnoreCase = true });
        await BrowserFixture.ShotAsync(stranger, "30-bao-cao-khong-co-quyen");
        Assert.Equal(403, (await stranger.Context.APIRequest.GetAsync($"/api/reporting/schedules/{id}/status.csv")).Status);
        await stranger.Context.CloseAsync();
    }

    [Fact]
    public async Task The_clerk_completes_an_unspecified_reporting_duty_on_the_plan_page_then_releases_and_finds_its_schedule()
    {
        var flow = await PlanFlow.StartAsync(fixture.App);
        var planId = await flow.UploadAsync(RepositoryPaths.Plan("uongbi-2023-95-KH-PGDDT.txt"));
        var fields = System.Text.Json.Nodes.JsonNode.Parse((await flow.PlanAsync(planId)).GetProperty("fields").GetRawText())!.AsObject();
        var duty = fields["reportingDuties"]![0]!.AsObject();
        duty["frequency"] = "unspecified";
        duty["dueDay"] = null;
        duty["target"] = new System.Text.Json.Nodes.JsonObject { ["group"] = Workflows.Distribution.DemoDirectory.Schools }; // the schools report (the plan's own reporter is the office's unit)
        var put = await flow.Drafter.PutAsJsonAsync($"/api/plans/{planId}", new { fields });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        await flow.SubmitAsync(planId);
        await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");
        await PlanFlow.ActAsync(flow.Signer, planId, "approve", signingForm: "direct");

        // The clerk sees the duty is incomplete; release is refused until it is completed.
        var clerk = await fixture.SignInAsync("vanthu");
        await clerk.GotoAsync($"/ke-hoach/{planId}");
        var item = clerk.GetByTestId("nhiem-vu").First;
        await Expect(item).ToHaveAttributeAsync("data-state", "incomplete");
        await Expect(item).ToContainTextAsync("Chưa đủ thông tin");
        // Frequencies in words, in the message and in the list (the values posted stay monthly, quarterly…).
        await Expect(item).ToContainTextAsync("chọn tần suất (Hằng tháng, Hằng quý, 6 tháng, Hằng năm hoặc Một lần)");
        await Expect(item.GetByLabel("Tần suất").Locator("option")).ToHaveTextAsync(["— Chọn —", "Hằng tháng", "Hằng quý", "6 tháng", "Hằng năm", "Một lần"]);
        await Expect(item).Not.ToContainTextAsync("monthly");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Cấp số và phát hành" }).ClickAsync();
        await Expect(clerk.GetByTestId("form-approve").Locator(".field-error:not(:empty)")).ToHaveCountAsync(1);
        await Expect(clerk.GetByTestId("trang-thai")).ToHaveTextAsync("Đã ký, chờ cấp số");

        // Without a frequency the form says so next to the field; with one and a due day the duty is ready.
        await item.GetByRole(AriaRole.Button, new() { Name = "Hoàn thiện nhiệm vụ" }).ClickAsync();
        await Expect(clerk.Locator("#nv-0-frequency-error")).Not.ToBeEmptyAsync();
        await BrowserFixture.ShotAsync(clerk, "31-nhiem-vu-bao-cao-thieu");
        await item.GetByLabel("Tần suất").SelectOptionAsync("monthly");
        await item.GetByLabel("Hạn nộp: ngày trong tháng").FillAsync("10");
        await item.GetByRole(AriaRole.Button, new() { Name = "Hoàn thiện nhiệm vụ" }).ClickAsync();
        await Expect(clerk.GetByTestId("thong-bao")).ToHaveTextAsync("Đã hoàn thiện nhiệm vụ báo cáo.");
        await Expect(clerk.GetByTestId("nhiem-vu").First).ToHaveAttributeAsync("data-state", "ready");
        await Expect(clerk.GetByTestId("nhiem-vu").First).ToContainTextAsync("Sẵn sàng Hằng tháng ·");

        await clerk.GetByRole(AriaRole.Button, new() { Name = "Cấp số và phát hành" }).ClickAsync();
        await Expect(clerk.GetByTestId("trang-thai")).ToHaveTextAsync("Đã phát hành");
        await Expect(clerk.GetByTestId("lich-bao-cao")).ToContainTextAsync("Hằng tháng, hạn ngày 10");
        await clerk.Context.CloseAsync();
    }

    [Fact]
    public async Task The_clerk_opens_the_outgoing_register_from_the_menu_picks_a_year_finds_a_document_and_the_page_fits_a_phone()
    {
        // 55 documents numbered in 2025 (a past year: no real release of this class meets their numbers), one recalled.
        await using (var connection = new Npgsql.NpgsqlConnection(fixture.App.ConnectionString))
        {
            await connection.OpenAsync();
            await using var seed = new Npgsql.NpgsqlCommand("""
                INSERT INTO plans (id, body_code, subject, status, number, issue_year, symbol, issued_on, released_at, signing, created_by, created_at, updated_at)
                SELECT gen_random_uuid(), 'PGDĐT', CASE WHEN n = 55 THEN 'Kế hoạch chuyển đổi số trong các trường học năm 2025' ELSE 'Kế hoạch bồi dưỡng thường xuyên giáo viên' END,
                       CASE WHEN n = 54 THEN 'recalled' ELSE 'released' END, n, 2025, lpad(n::text, 2, '0') || '/KH-PGDĐT', make_date(2025, 1, 1) + 3 * n,
                       make_date(2025, 1, 1) + 3 * n, '{"title": "TRƯỞNG PHÒNG", "name": "Trần Nam Hải"}', 'chuyenvien', now(), now()
                FROM generate_series(1, 55) n;
                INSERT INTO plan_recalls (plan_id, kind, reason, recalled_by, recalled_at)
                SELECT id, 'recall', 'Sai đối tượng áp dụng', 'truongphong', '2025-07-01T02:00:00Z' FROM plans WHERE issue_year = 2025 AND number = 54 AND body_code = 'PGDĐT';
                """, connection);
            await seed.ExecuteNonQueryAsync();
        }

        var clerk = await fixture.SignInAsync("vanthu");
        await clerk.GetByRole(AriaRole.Link, new() { Name = "Sổ văn bản đi" }).ClickAsync();
        await clerk.WaitForURLAsync("**/so-van-ban-di");
        await clerk.GetByLabel("Năm").SelectOptionAsync("2025");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Tìm", Exact = true }).ClickAsync();
        await Expect(clerk.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sổ đăng ký văn bản đi năm 2025");
        await Expect(clerk.GetByTestId("ket-qua")).ToHaveTextAsync("55 văn bản · trang 1/2 · số mới nhất trước");
        var rows = clerk.GetByTestId("so-di-dong");
        await Expect(rows).ToHaveCountAsync(50);
        await Expect(rows.First.GetByTestId("so-ky-hieu")).ToHaveTextAsync("55/KH-PGDĐT");
        await Expect(rows.Nth(1).GetByTestId("tinh-trang")).ToContainTextAsync("Đã thu hồi ngày 01/07/2025: Sai đối tượng áp dụng");
        await Expect(clerk.GetByTestId("tai-xlsx")).ToHaveAttributeAsync("href", "/api/register.xlsx?year=2025");
        await BrowserFixture.StoryShotAsync(clerk, "47-so-van-ban-di", mustFit390: true);

        await clerk.GetByLabel("Tìm theo số, ký hiệu hoặc trích yếu").FillAsync("chuyển đổi số");
        await clerk.GetByLabel("Tìm theo số, ký hiệu hoặc trích yếu").PressAsync("Enter");
        await Expect(clerk.GetByTestId("ket-qua")).ToHaveTextAsync("1 văn bản · trang 1/1 · số mới nhất trước");
        await Expect(rows.GetByRole(AriaRole.Link)).ToHaveTextAsync("Kế hoạch chuyển đổi số trong các trường học năm 2025");
        await Expect(rows.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", new Regex("^/ke-hoach/[0-9a-f-]{36}$"));
        await clerk.Context.CloseAsync();
    }
}
