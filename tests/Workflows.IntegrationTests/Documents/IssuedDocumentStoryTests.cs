using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workflows.Distribution;
using static Workflows.Testing.DistributionFlow;
using static Workflows.Testing.ReportingFlow;

namespace Workflows.IntegrationTests.Documents;

/// <summary>
/// One Host on its own database with a real SMTP server, a clock that starts on Monday 02/03/2026 09:00 Vietnam time, and
/// receipts reminding after 3 working days (Thursday 05/03/2026 08:00).
/// </summary>
public sealed class StoryFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = Vn(2026, 3, 2, 9);
    internal TestSmtpServer Smtp { get; } = new TestSmtpServer().Start();
    internal WorkflowsApp App { get; private set; } = null!;
    internal PlanFlow Flow { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = ReportingFlow.Settings(Smtp.Port);
        settings["Workflows:Receipts:ReminderWorkingDays"] = "3";
        App = new WorkflowsApp(clock: new FakeTimeProvider(Start.ToUniversalTime()), settings: settings);
        Flow = await PlanFlow.StartAsync(App);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Smtp.Dispose();
    }
}

public sealed partial class IssuedDocumentStoryTests(StoryFixture fixture) : IClassFixture<StoryFixture>
{
    private PlanFlow Flow => fixture.Flow;
    private WorkflowsApp App => fixture.App;
    private const string So = "vanphong@sogddt.quangninh.example.org";
    private const string Ubnd = "vanphong@ubnd.uongbi.example.org";

    [Fact]
    public async Task A_docx_plan_is_signed_released_acknowledged_reminded_once_registered_and_recalled_and_its_links_then_say_it_was_recalled()
    {
        // A .docx plan with two recipients and a monthly report asked of the schools from March.
        var planId = await IssuedDocumentTests.UploadDocxAsync(Flow, SamplePlanDocx.Create());
        var fields = JsonNode.Parse((await Flow.PlanAsync(planId)).GetProperty("fields").GetRawText())!.AsObject();
        fields["recipients"] = JsonSerializer.SerializeToNode(new object[]
        {
            new { name = "Sở GDĐT Quảng Ninh", purpose = new[] { "b/c" }, kind = "external" },
            new { name = "UBND TP", purpose = Array.Empty<string>(), kind = "external" },
        });
        fields["reportingDuties"] = new JsonArray(new JsonObject
        {
            ["reporter"] = DemoDirectory.Schools, ["recipient"] = "Phòng GD&ĐT", ["frequency"] = "monthly", ["dueDay"] = 15,
            ["text"] = "Các trường báo cáo kết quả Ngày hội đọc sách trước ngày 15 hằng tháng.", ["title"] = "Báo cáo kết quả Ngày hội đọc sách",
            ["startsOn"] = "2026-03-01", ["endsOn"] = "2026-05-31", ["target"] = new JsonObject { ["group"] = DemoDirectory.Schools },
        });
        var put = await Flow.Drafter.PutAsJsonAsync($"/api/plans/{planId}", new { fields });
        AssertStatus(HttpStatusCode.OK, put, await put.Content.ReadAsStringAsync());
        await Flow.ReleaseAsync(planId);

        // The released PDF: number and date in its header text, the head's and the body's signatures valid, the last over the whole file.
        var plan = await Flow.PlanAsync(planId);
        var symbol = plan.GetProperty("symbol").GetString()!;
        var pdf = await Flow.Clerk.GetByteArrayAsync($"/api/plans/{planId}/issued.pdf");
        var text = IssuedDocumentTests.FirstPageText(pdf);
        Assert.Contains($"Số: {symbol}", text);
        Assert.Contains("Uông Bí, ngày 02 tháng 03 năm 2026", text);
        var signatures = await PdfSignatures.VerifyAsync(pdf);
        Assert.Equal(["Trần Nam Hải", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"], signatures.Select(s => s.CommonName));
        Assert.All(signatures, s => Assert.True(s.Valid, s.Text));
        Assert.True(signatures[^1].WholeDocument);

        // Each recipient's email carries that PDF and a personal "Xác nhận đã nhận" link.
        await SettledAsync(Flow, planId);
        var released = fixture.Smtp.Messages().Where(m => m.Subject.StartsWith($"[{symbol}]", StringComparison.Ordinal)).ToList();
        Assert.Equal([So, Ubnd], released.SelectMany(m => m.To).Order());
        Assert.All(released, m => Assert.Equal(pdf.Length, Assert.Single(m.AttachmentSizes)));
        var links = released.ToDictionary(m => m.To.Single(), m => ReceiptLink().Match(m.Body).Groups[1].Value);
        Assert.All(links.Values, t => Assert.Equal(43, t.Length));
        Assert.NotEqual(links[So], links[Ubnd]);
        Assert.Equal(0L, await ScalarAsync<long>(App, $"SELECT count(*) FROM outgoing_messages WHERE plan_id = '{planId}' AND body LIKE '%{links[So]}%'"));

        // Opening the link records nothing; the button does, once.
        var recipient = App.CreateClient();
        var page = await recipient.GetAsync("/xac-nhan/" + links[So]);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"Kế hoạch số {symbol} về việc Tổ chức Ngày hội đọc sách năm 2026", html);
        Assert.Equal(0, (await ProgressAsync(planId)).GetProperty("acknowledged").GetInt32());
        var first = await AcknowledgeAsync(recipient, links[So], html);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Contains("Cảm ơn, đã ghi nhận", first.Html);
        var again = await AcknowledgeAsync(recipient, links[So], html);
        Assert.Contains("Đã xác nhận trước đó", again.Html);
        Assert.Contains("02/03/2026 09:00", again.Html);
        Assert.Equal(1L, await ScalarAsync<long>(App, $"SELECT count(*) FROM audit_log WHERE plan_id = '{planId}' AND action = 'plan.receipt-acknowledged'"));
        Assert.Equal(HttpStatusCode.NotFound, (await recipient.GetAsync("/xac-nhan/" + new string('A', 43))).StatusCode);

        var progress = await ProgressAsync(planId);
        Assert.Equal((1, 1, 0, 0), (progress.GetProperty("sent").GetInt32(), progress.GetProperty("acknowledged").GetInt32(),
            progress.GetProperty("queued").GetInt32(), progress.GetProperty("failed").GetInt32()));
        var so = progress.GetProperty("recipients").EnumerateArray().Single(r => r.GetProperty("address").GetString() == So);
        Assert.Equal(StoryFixture.Start, so.GetProperty("acknowledgedAt").GetDateTimeOffset());
        var panel = WebUtility.HtmlDecode(await Flow.Clerk.GetStringAsync($"/ke-hoach/{planId}?handler=GiaoNhan"));
        Assert.Contains("data-testid=\"dem-xac-nhan\">1<", panel);
        Assert.Contains("Đã xác nhận lúc 02/03/2026 09:00", panel);
        Assert.Contains("hx-trigger=\"every", panel);
        Assert.DoesNotContain("Gửi lại", panel);

        // Three working days later the period opens and the one recipient who did not acknowledge gets one reminder, once.
        App.Clock.SetUtcNow(Vn(2026, 3, 5, 8).ToUniversalTime());
        await RunCycleAsync(App);
        await RunCycleAsync(App);
        var reminders = await WaitForAsync(() => fixture.Smtp.Messages().Where(m => m.Subject.StartsWith($"[Nhắc xác nhận] [{symbol}]", StringComparison.Ordinal)).ToList(), 1);
        Assert.Equal([Ubnd], Assert.Single(reminders).To);
        var reminderLink = ReceiptLink().Match(reminders[0].Body).Groups[1].Value;
        Assert.NotEqual(links[Ubnd], reminderLink);
        Assert.Equal(HttpStatusCode.OK, (await recipient.GetAsync("/xac-nhan/" + reminderLink)).StatusCode);
        var requests = await WaitForAsync(() => ReportingMail(fixture.Smtp).Where(m => m.Subject.StartsWith("Đề nghị gửi báo cáo: Báo cáo kết quả Ngày hội đọc sách", StringComparison.Ordinal)).ToList(),
            DemoDirectory.SchoolList.Count);
        var schoolToken = SubmissionLink().Match(requests[0].Body).Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await recipient.GetAsync("/nop-bao-cao/" + schoolToken)).StatusCode);

        // The outgoing register lists it with its receipts, and its .xlsx opens with ClosedXML.
        var entry = (await Flow.Clerk.GetFromJsonAsync<JsonElement[]>("/api/register?year=2026"))!.Single(e => e.GetProperty("symbol").GetString() == symbol);
        Assert.Equal("Đã gửi 2/2, đã xác nhận 1", entry.GetProperty("delivery").GetString());
        using (var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await Flow.Clerk.GetByteArrayAsync("/api/register.xlsx?year=2026"))))
            Assert.Contains(workbook.Worksheet(1).Column(2).CellsUsed(), c => c.GetString() == symbol);

        // The recall: the head's decision, with a reason.
        var byClerk = await Flow.Clerk.PostAsJsonAsync($"/api/plans/{planId}/recall", new { reason = "Sai lịch tổ chức" });
        Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
        var noReason = await Flow.Signer.PostAsJsonAsync($"/api/plans/{planId}/recall", new { reason = " " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync());
        var recall = await Flow.Signer.PostAsJsonAsync($"/api/plans/{planId}/recall", new { reason = "Sai lịch tổ chức" });
        AssertStatus(HttpStatusCode.OK, recall, await recall.Content.ReadAsStringAsync());
        var recalled = await recall.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, recalled.GetProperty("notices").GetInt32());
        Assert.Equal(1, recalled.GetProperty("schedulesCancelled").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await Flow.Signer.PostAsJsonAsync($"/api/plans/{planId}/recall", new { reason = "Lần nữa" })).StatusCode);

        // Every recipient is told; the school's link and the receipt links answer that the plan was recalled.
        var notices = await WaitForAsync(() => fixture.Smtp.Messages().Where(m => m.Subject == $"[Thu hồi] [{symbol}] Tổ chức Ngày hội đọc sách năm 2026").ToList(), 2);
        Assert.Equal([So, Ubnd], notices.SelectMany(m => m.To).Order());
        Assert.All(notices, m => Assert.Contains("Lý do: Sai lịch tổ chức", m.Body));
        var school = await recipient.GetAsync("/nop-bao-cao/" + schoolToken);
        Assert.Equal(HttpStatusCode.Gone, school.StatusCode);
        Assert.Contains("đã thu hồi", WebUtility.HtmlDecode(await school.Content.ReadAsStringAsync()));
        var receipt = await recipient.GetAsync("/xac-nhan/" + reminderLink);
        Assert.Equal(HttpStatusCode.Gone, receipt.StatusCode);
        Assert.Contains("đã thu hồi", WebUtility.HtmlDecode(await receipt.Content.ReadAsStringAsync()));

        // The plan, its schedule, the register and the plan page show it.
        Assert.Equal("recalled", (await Flow.PlanAsync(planId)).GetProperty("status").GetString());
        Assert.Equal("cancelled", (await ScheduleOfAsync(Flow.Clerk, planId)).GetProperty("status").GetString());
        entry = (await Flow.Clerk.GetFromJsonAsync<JsonElement[]>("/api/register?year=2026"))!.Single(e => e.GetProperty("symbol").GetString() == symbol);
        Assert.Equal("Đã thu hồi ngày 05/03/2026: Sai lịch tổ chức", entry.GetProperty("recall").GetString());
        var planPage = WebUtility.HtmlDecode(await Flow.Clerk.GetStringAsync($"/ke-hoach/{planId}"));
        Assert.Contains("Kế hoạch đã thu hồi", planPage);
        Assert.Contains("Lý do: Sai lịch tổ chức", planPage);
        Assert.Equal(1L, await ScalarAsync<long>(App, $"SELECT count(*) FROM audit_log WHERE plan_id = '{planId}' AND action = 'plan.recalled'"));
    }

    [Fact]
    public async Task A_plan_replaced_by_another_withdraws_its_pending_duty_reminders_and_tells_its_recipients_which_plan_replaces_it()
    {
        // The office's own unit reports monthly: its reminders are queued at release, due at each period's opening.
        var oldPlan = await CreateWithRecipientsAsync(Flow, "Kế hoạch thi đua sẽ được thay thế", "Sở GDĐT Quảng Ninh", "UBND TP");
        var put = await Flow.Drafter.PutAsJsonAsync($"/api/plans/{oldPlan}", new
        {
            fields = new
            {
                reportingDuties = new object[]
                {
                    new
                    {
                        reporter = "Tổ Thi đua – Tổng hợp", recipient = "Phòng GD&ĐT", frequency = "monthly", dueDay = 15, text = "Tổ Thi đua – Tổng hợp báo cáo trước ngày 15 hằng tháng.",
                        // Openings after the database's own clock (the sender's), so the reminders are still waiting at the recall.
                        year = 2027, startsOn = "2027-01-01", endsOn = "2027-06-30",
                    },
                },
            },
        });
        AssertStatus(HttpStatusCode.OK, put, await put.Content.ReadAsStringAsync());
        await Flow.ReleaseAsync(oldPlan);
        var pending = await ScalarAsync<long>(App, $"SELECT count(*) FROM outgoing_messages WHERE plan_id = '{oldPlan}' AND category = 'duty-reminder' AND status = 'queued'");
        Assert.Equal(6, pending);
        var newPlan = await CreateWithRecipientsAsync(Flow, "Kế hoạch thay thế kế hoạch 95", "Sở GDĐT Quảng Ninh");
        var notReleased = await Flow.Signer.PostAsJsonAsync($"/api/plans/{oldPlan}/recall", new { reason = "Thay thế", replacedBy = newPlan });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notReleased.StatusCode);
        Assert.Contains("replacedBy", await notReleased.Content.ReadAsStringAsync());
        await Flow.ReleaseAsync(newPlan);
        var newSymbol = (await Flow.PlanAsync(newPlan)).GetProperty("symbol").GetString();
        var oldSymbol = (await Flow.PlanAsync(oldPlan)).GetProperty("symbol").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await Flow.Signer.PostAsJsonAsync($"/api/plans/{Guid.NewGuid()}/recall", new { reason = "x" })).StatusCode);

        var replaced = await Flow.Signer.PostAsJsonAsync($"/api/plans/{oldPlan}/recall", new { reason = "Điều chỉnh nội dung", replacedBy = newPlan });
        AssertStatus(HttpStatusCode.OK, replaced, await replaced.Content.ReadAsStringAsync());
        var view = await replaced.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("replace", view.GetProperty("kind").GetString());
        Assert.Equal(newSymbol, view.GetProperty("replacedBySymbol").GetString());
        Assert.Equal(0L, await ScalarAsync<long>(App, $"SELECT count(*) FROM outgoing_messages WHERE plan_id = '{oldPlan}' AND category = 'duty-reminder' AND status IN ('queued', 'retrying')"));
        Assert.Equal(pending, await ScalarAsync<long>(App, $"SELECT count(*) FROM outgoing_messages WHERE plan_id = '{oldPlan}' AND category = 'duty-reminder' AND status = 'withdrawn'"));
        var sent = await ScalarAsync<long>(App, $"SELECT count(*) FROM outgoing_messages WHERE plan_id = '{oldPlan}' AND category = 'release' AND status <> 'withdrawn'");
        Assert.Equal(sent, view.GetProperty("notices").GetInt32());
        var notices = await WaitForAsync(() => fixture.Smtp.Messages().Where(m => m.Subject.StartsWith($"[Thu hồi] [{oldSymbol}]", StringComparison.Ordinal)).ToList(), (int)sent);
        Assert.Equal(sent, notices.Count);
        Assert.All(notices, m => Assert.Contains($"Văn bản được thay thế bởi Kế hoạch số {newSymbol}", m.Body));
        var got = await Flow.Clerk.GetFromJsonAsync<JsonElement>($"/api/plans/{oldPlan}/recall");
        Assert.Equal(newPlan, got.GetProperty("replacedBy").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await Flow.Clerk.GetAsync($"/api/plans/{newPlan}/recall")).StatusCode);
    }

    [Fact]
    public async Task A_message_already_sent_is_not_resent_and_an_expired_receipt_link_records_nothing()
    {
        var planId = await CreateWithRecipientsAsync(Flow, "Kế hoạch thử gửi lại và hết hạn", "UBND TP");
        await Flow.ReleaseAsync(planId);
        var delivery = Assert.Single(await SettledAsync(Flow, planId));
        var resend = await Flow.Clerk.PostAsync($"/api/plans/{planId}/deliveries/{delivery.GetProperty("id").GetGuid()}/resend", null);
        Assert.Equal(HttpStatusCode.Conflict, resend.StatusCode);
        Assert.Contains("chỉ gửi lại thư bị lỗi", await resend.Content.ReadAsStringAsync());

        var symbol = (await Flow.PlanAsync(planId)).GetProperty("symbol").GetString()!;
        var mail = await WaitForAsync(() => fixture.Smtp.Messages().Where(m => m.Subject.StartsWith($"[{symbol}]", StringComparison.Ordinal)).ToList(), 1);
        var token = ReceiptLink().Match(mail[0].Body).Groups[1].Value;
        var receipts = App.Services.GetRequiredService<Workflows.Distribution.Receipts.ReleaseReceipts>();
        var later = App.Clock.GetUtcNow().AddDays(91);
        Assert.Equal(Workflows.Distribution.Receipts.ReceiptLinkState.Expired, (await receipts.LookUpAsync(token, later)).State);
        Assert.Equal(Workflows.Distribution.Receipts.ReceiptLinkState.Expired, (await receipts.AcknowledgeAsync(token, null, later)).State);
        Assert.Equal(0, (await ProgressAsync(planId)).GetProperty("acknowledged").GetInt32());
        Assert.Equal(Workflows.Distribution.Receipts.ReceiptLinkState.Open, (await receipts.LookUpAsync(token, App.Clock.GetUtcNow())).State);
    }

    [Fact]
    public async Task The_admin_page_lists_issues_and_imports_certificates_through_the_same_use_cases_as_the_API_and_names_a_wrong_password()
    {
        var admin = await App.SignInAsync("quantri");
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/quan-tri/chung-thu"));
        Assert.Contains("Cấp chứng thư từ CA của hệ thống", page);

        var issued = await PostFormAsync(admin, page, "/quan-tri/chung-thu?handler=Cap",
            new() { ["kind"] = "signer", ["owner"] = "photruongphong", ["commonName"] = "Nguyễn Văn Phó" });
        Assert.Equal(HttpStatusCode.OK, issued.Status);
        Assert.Contains("Đã cấp chứng thư mới", issued.Html);
        var keys = await admin.GetFromJsonAsync<JsonElement[]>("/api/admin/signing-keys");
        Assert.Contains(keys!, k => k.GetProperty("owner").GetString() == "photruongphong" && !k.GetProperty("imported").GetBoolean()
            && k.GetProperty("subject").GetString()!.Contains("Nguyễn Văn Phó", StringComparison.Ordinal) && k.GetProperty("active").GetBoolean());

        var empty = await PostFormAsync(admin, page, "/quan-tri/chung-thu?handler=Cap", new() { ["kind"] = "signer", ["owner"] = "", ["commonName"] = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.Status);

        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Trần Nam Hải, O=PHÒNG GIÁO DỤC VÀ ĐÀO TẠO, C=VN", rsa,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
        var pfx = certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "dung-mat-khau");
        var wrong = await ImportAsync(admin, page, pfx, "sai-mat-khau");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.Status);
        Assert.Contains("Mật khẩu của tệp khóa", wrong.Html);
        var right = await ImportAsync(admin, page, pfx, "dung-mat-khau");
        Assert.Contains("Đã nhập chứng thư", right.Html);
        Assert.Contains(certificate.Thumbprint, await admin.GetStringAsync("/api/admin/signing-keys"));

        var clerk = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await clerk.PostAsJsonAsync("/api/auth/login", new { userName = "vanthu", password = "demo" });
        var refused = await clerk.GetAsync("/quan-tri/chung-thu");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/khong-co-quyen", refused.Headers.Location!.ToString());
    }

    private static async Task<(HttpStatusCode Status, string Html)> PostFormAsync(HttpClient client, string pageHtml, string path, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = AntiforgeryField().Match(pageHtml).Groups[1].Value;
        var response = await client.PostAsync(path, new FormUrlEncodedContent(fields));
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private static async Task<(HttpStatusCode Status, string Html)> ImportAsync(HttpClient client, string pageHtml, byte[] pfx, string password)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(AntiforgeryField().Match(pageHtml).Groups[1].Value), "__RequestVerificationToken" },
            { new StringContent("signer"), "kind" },
            { new StringContent("photruongphong"), "owner" },
            { new StringContent(password), "password" },
            { new ByteArrayContent(pfx), "file", "pho-truong-phong.p12" },
        };
        var response = await client.PostAsync("/quan-tri/chung-thu?handler=Nhap", form);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private async Task<JsonElement> ProgressAsync(Guid planId) =>
        await Flow.Clerk.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/receipts");

    private static async Task<(HttpStatusCode Status, string Html)> AcknowledgeAsync(HttpClient client, string token, string pageHtml)
    {
        var antiforgery = AntiforgeryField().Match(pageHtml).Groups[1].Value;
        var response = await client.PostAsync("/xac-nhan/" + token, new FormUrlEncodedContent([new("__RequestVerificationToken", antiforgery)]));
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private static async Task<IReadOnlyList<TestSmtpServer.Received>> WaitForAsync(Func<IReadOnlyList<TestSmtpServer.Received>> read, int count)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (read().Count < count)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Expected {count} messages, got {read().Count}.");
            await Task.Delay(100);
        }
        await Task.Delay(500);
        return read();
    }

    [GeneratedRegex("/xac-nhan/([A-Za-z0-9_-]{43})")]
    private static partial Regex ReceiptLink();

    [GeneratedRegex("/nop-bao-cao/([A-Za-z0-9_-]{43})")]
    private static partial Regex SubmissionLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
