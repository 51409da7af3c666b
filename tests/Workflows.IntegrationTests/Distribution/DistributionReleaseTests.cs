using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Distribution;
using static Workflows.Testing.DistributionFlow;

namespace Workflows.IntegrationTests.Distribution;

public sealed class DistributionFixture : IAsyncLifetime
{
    internal TestSmtpServer Smtp { get; } = new TestSmtpServer().Start();
    internal WorkflowsApp App { get; private set; } = null!;
    internal PlanFlow Flow { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new WorkflowsApp(settings: Settings(Smtp.Port));
        Flow = await PlanFlow.StartAsync(App);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Smtp.Dispose();
    }
}

public sealed class DistributionReleaseTests(DistributionFixture fixture) : IClassFixture<DistributionFixture>
{
    private PlanFlow Flow => fixture.Flow;
    private TestSmtpServer Smtp => fixture.Smtp;

    public static TheoryData<string, string, bool> SeedPlans => new()
    {
        { "uongbi-2020-82-KH-PGDDT.txt", "Kế hoạch 82 Phòng GDĐT Uông Bí.txt", true },
        { "uongbi-2023-95-KH-PGDDT.txt", "Kế hoạch số 95-KH-PGDĐT năm học 2022–2023.txt", true },
        { "bache-2021-ke-hoach-hanh-dong.txt", "Kế hoạch hành động Ba Chẽ.txt", false },
    };

    [Theory]
    [MemberData(nameof(SeedPlans))]
    public async Task Releasing_a_seed_plan_delivers_one_message_per_expected_address_and_nothing_to_archive_entries(string file, string fileName, bool uongBi)
    {
        var planId = await UploadWithRecipientsAsync(Flow, RepositoryPaths.Plan(file), fileName);
        var recipients = await Flow.Clerk.GetFromJsonAsync<JsonElement[]>($"/api/plans/{planId}/recipients");
        Assert.All(recipients!, r => Assert.Contains(r.GetProperty("state").GetString(), new[] { "resolved", "archive" }));
        Assert.Contains(recipients!, r => r.GetProperty("state").GetString() == "archive");

        await Flow.ReleaseAsync(planId);
        var deliveries = await SettledAsync(Flow, planId);
        var plan = await Flow.PlanAsync(planId);
        var subject = $"[{plan.GetProperty("symbol").GetString()}] {plan.GetProperty("subject").GetString()}";

        var expected = uongBi ? UongBiAddresses : BaCheAddresses;
        Assert.All(deliveries, d => Assert.Equal("sent", d.GetProperty("status").GetString()));
        Assert.Equal(expected.Order(), deliveries.Select(d => d.GetProperty("address").GetString()!).Order());

        var received = Smtp.Messages().Where(m => m.Subject == subject).ToList();
        Assert.Equal(expected.Order(), received.SelectMany(m => m.To).Order());
        Assert.All(received, m =>
        {
            // The issued PDF (numbered, signed by the head and the body), never the upload.
            Assert.Equal([plan.GetProperty("symbol").GetString()!.Replace('/', '-') + ".pdf"], m.Attachments);
            Assert.True(m.AttachmentSizes[0] > 1000);
            Assert.Contains("Kế hoạch số " + plan.GetProperty("symbol").GetString(), m.Body);
            Assert.EndsWith("@workflows.local>", m.MessageId);
        });
        Assert.Equal(received.Count, received.Select(m => m.MessageId).Distinct().Count());
        Assert.DoesNotContain(received.SelectMany(m => m.To), a => a.Contains("luu", StringComparison.OrdinalIgnoreCase) || a.Contains("vt@"));
        if (!uongBi)
        {
            var so = received.Single(m => m.To.Contains("vanphong@sogddt.quangninh.example.org"));
            Assert.Contains("để báo cáo", so.Body);
            Assert.Contains("để theo dõi, để tham mưu", received.Single(m => m.To.Contains("chuyenmon@gddt.bache.example.org")).Body);
        }
    }

    [Fact]
    public async Task An_unresolved_line_blocks_release_with_a_clear_message_and_the_clerks_choice_resolves_it_for_the_next_plan()
    {
        var planId = await CreateWithRecipientsAsync(Flow, "Kế hoạch thử nơi nhận chưa có trong danh bạ",
            "Sở GD&ĐT Quảng Ninh", "Trường Mầm non Sao Mai", "Trường THCS", "Lưu: VT");
        var lines = (await Flow.Clerk.GetFromJsonAsync<JsonElement[]>($"/api/plans/{planId}/recipients"))!;
        Assert.Equal(["resolved", "unresolved", "ambiguous", "archive"], lines.Select(l => l.GetProperty("state").GetString()));
        Assert.True(lines[2].GetProperty("candidates").GetArrayLength() > 1);

        await ToClerkAsync(Flow, planId);
        var refused = await ClerkApproveAsync(Flow, planId);
        var problem = await refused.Content.ReadAsStringAsync();
        AssertStatus(HttpStatusCode.UnprocessableEntity, refused, problem);
        Assert.Contains("Trường Mầm non Sao Mai", problem);
        Assert.Contains("Trường THCS", problem);
        Assert.Equal(JsonValueKind.Null, (await Flow.PlanAsync(planId)).GetProperty("number").ValueKind);
        Assert.Empty(await DeliveriesAsync(Flow, planId));

        var hoaHong = (await Flow.Clerk.GetFromJsonAsync<JsonElement[]>("/api/directory?q=Hoa%20Hồng"))!.Single();
        var nguyenTrai = (await Flow.Clerk.GetFromJsonAsync<JsonElement[]>("/api/directory?q=Nguyễn%20Trãi"))!.Single();
        foreach (var (line, entry) in new[] { (1, hoaHong), (2, nguyenTrai) })
        {
            var pick = await Flow.Clerk.PutAsJsonAsync($"/api/plans/{planId}/recipients/{line}", new { entryId = entry.GetProperty("id").GetGuid() });
            AssertStatus(HttpStatusCode.OK, pick, await pick.Content.ReadAsStringAsync());
        }
        var released = await ClerkApproveAsync(Flow, planId);
        AssertStatus(HttpStatusCode.NoContent, released, await released.Content.ReadAsStringAsync());
        var deliveries = await SettledAsync(Flow, planId);
        Assert.Equal(["mn-hoahong@uongbi.example.org", "thcs-nguyentrai@uongbi.example.org", "vanphong@sogddt.quangninh.example.org"],
            deliveries.Select(d => d.GetProperty("address").GetString()).Order());

        var next = await CreateWithRecipientsAsync(Flow, "Kế hoạch tiếp theo", "Trường Mầm non Sao Mai (t/h)", "Trường THCS");
        var nextLines = (await Flow.Clerk.GetFromJsonAsync<JsonElement[]>($"/api/plans/{next}/recipients"))!;
        Assert.All(nextLines, l => Assert.Equal("resolved", l.GetProperty("state").GetString()));
        Assert.Equal("mn-hoahong@uongbi.example.org", nextLines[0].GetProperty("addresses")[0].GetProperty("email").GetString());
        Assert.Equal("để thực hiện", nextLines[0].GetProperty("purpose").GetString());
    }

    [Fact]
    public async Task A_451_reply_is_retried_with_growing_delays_then_delivered_once()
    {
        var admin = await fixture.App.SignInAsync("quantri");
        var created = await admin.PostAsJsonAsync("/api/directory", new { name = "Trường MN Bận Rộn", kind = "school", email = "ban-ron@test.example.org" });
        AssertStatus(HttpStatusCode.Created, created, await created.Content.ReadAsStringAsync());
        Smtp.Control(temporary: new Dictionary<string, int> { ["ban-ron@test.example.org"] = 2 });
        var planId = await CreateWithRecipientsAsync(Flow, "Kế hoạch thử trả lời 451", "Trường MN Bận Rộn", "Sở GDĐT Quảng Ninh");
        await Flow.ReleaseAsync(planId);
        var delivery = (await SettledAsync(Flow, planId)).Single(d => d.GetProperty("address").GetString() == "ban-ron@test.example.org");
        Assert.Equal("sent", delivery.GetProperty("status").GetString());
        Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
        Assert.Contains("451", delivery.GetProperty("lastError").GetString());
        Assert.Single(Smtp.Messages(), m => m.Subject.EndsWith("Kế hoạch thử trả lời 451") && m.To.Contains("ban-ron@test.example.org"));
    }

    [Fact]
    public async Task A_550_reply_fails_at_once_is_shown_and_the_clerk_can_resend_it()
    {
        var admin = await fixture.App.SignInAsync("quantri");
        var created = await admin.PostAsJsonAsync("/api/directory", new { name = "Trường TH Sai Địa Chỉ", kind = "school", email = "sai-dia-chi@test.example.org" });
        AssertStatus(HttpStatusCode.Created, created, await created.Content.ReadAsStringAsync());
        Smtp.Control(permanent: ["sai-dia-chi@test.example.org"]);
        var planId = await CreateWithRecipientsAsync(Flow, "Kế hoạch thử trả lời 550", "Trường TH Sai Địa Chỉ", "UBND TP");
        await Flow.ReleaseAsync(planId);
        var deliveries = await SettledAsync(Flow, planId);
        var failed = deliveries.Single(d => d.GetProperty("address").GetString() == "sai-dia-chi@test.example.org");
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
        Assert.Contains("550", failed.GetProperty("lastError").GetString());
        Assert.Equal("sent", deliveries.Single(d => d.GetProperty("address").GetString() == "vanphong@ubnd.uongbi.example.org").GetProperty("status").GetString());

        Smtp.Control();
        var forbidden = await Flow.Drafter.PostAsync($"/api/plans/{planId}/deliveries/{failed.GetProperty("id").GetGuid()}/resend", null);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var resend = await Flow.Clerk.PostAsync($"/api/plans/{planId}/deliveries/{failed.GetProperty("id").GetGuid()}/resend", null);
        AssertStatus(HttpStatusCode.Accepted, resend, await resend.Content.ReadAsStringAsync());
        Assert.All(await SettledAsync(Flow, planId), d => Assert.Equal("sent", d.GetProperty("status").GetString()));
        Assert.Single(Smtp.Messages(), m => m.To.Contains("sai-dia-chi@test.example.org"));
    }

    [Fact]
    public async Task A_clerk_of_another_body_can_neither_list_resend_nor_choose_the_recipients_of_a_plan_and_each_use_case_checks_it_itself()
    {
        var planId = await CreateWithRecipientsAsync(Flow, "Kế hoạch chỉ văn thư của Phòng được gửi lại", "UBND TP");
        await Flow.ReleaseAsync(planId);
        var delivery = (await SettledAsync(Flow, planId)).Single().GetProperty("id").GetGuid();
        var stranger = await fixture.App.SignInAsync("vanthu.phuong");

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/plans/{planId}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsync($"/api/plans/{planId}/deliveries/{delivery}/resend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PutAsJsonAsync($"/api/plans/{planId}/recipients/0", new { entryId = Guid.NewGuid() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/reporting/plans/{planId}/schedules")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/plans/{Guid.NewGuid()}/deliveries")).StatusCode);

        // The same refusals from the use cases themselves, with no adapter looking the plan up first.
        var services = fixture.App.Services;
        var clerk = new Workflows.Kernel.Actor("vanthu.phuong", "Lý Thị Nga", "VĂN THƯ", "UBND", new HashSet<string> { Workflows.Kernel.Roles.Clerk });
        var now = DateTimeOffset.UtcNow;
        async Task AssertForbiddenAsync(Func<Task> action) =>
            Assert.Equal(Workflows.Kernel.ErrorKind.Forbidden, (await Assert.ThrowsAsync<Workflows.Kernel.WorkflowException>(action)).Kind);
        await AssertForbiddenAsync(() => services.GetRequiredService<DeliveryStore>().ListAsync(planId, clerk));
        await AssertForbiddenAsync(() => services.GetRequiredService<DeliveryStore>().ResendAsync(planId, delivery, clerk, now));
        await AssertForbiddenAsync(() => services.GetRequiredService<PlanRecipients>().ChooseAsync(planId, 0, Guid.NewGuid(), clerk, now));
        await AssertForbiddenAsync(() => services.GetRequiredService<Workflows.Reporting.ReportingScheduleStore>().ListAsync(clerk, planId, CancellationToken.None));
        Assert.Equal("sent", (await DeliveriesAsync(Flow, planId)).Single().GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_directory_import_keeps_good_rows_reports_bad_rows_by_line_and_needs_an_admin()
    {
        var csv = "name,kind,email,groups,aliases\n" +
                  "Trường MN Sơn Ca,school,sonca@uongbi.example.org,Các trường học trực thuộc,MN Sơn Ca;Mầm non Sơn Ca\n" +
                  "Trường không địa chỉ,school,,,\n" +
                  "Trường TH Kỳ Lạ,planet,kyla@uongbi.example.org,,\n" +
                  "\"Tổ Kiểm tra, thanh tra\",unit,kiemtra@uongbi.example.org,Các tổ công tác thuộc Phòng,\n";
        var denied = await Flow.Clerk.PostAsync("/api/directory/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var admin = await fixture.App.SignInAsync("quantri");
        var response = await admin.PostAsync("/api/directory/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, result.GetProperty("created").GetInt32());
        Assert.Equal([3, 4], result.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
        var sonCa = (await Flow.Clerk.GetFromJsonAsync<JsonElement[]>("/api/directory?q=son%20ca"))!.Single();
        Assert.Equal("sonca@uongbi.example.org", sonCa.GetProperty("email").GetString());
        var forbidden = await Flow.Clerk.DeleteAsync($"/api/directory/{sonCa.GetProperty("id").GetGuid()}");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/directory/{sonCa.GetProperty("id").GetGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_directory_file_that_is_not_UTF_8_is_refused_naming_the_file_whether_sent_as_the_body_or_as_an_upload()
    {
        var admin = await fixture.App.SignInAsync("quantri");
        byte[] latin1 = [.. Encoding.ASCII.GetBytes("name,kind,email\nTr"), 0xEF, 0xBF, .. Encoding.ASCII.GetBytes("ng,school,x@example.org\n"), 0xC3, 0x28];
        var body = await admin.PostAsync("/api/directory/import", new ByteArrayContent(latin1));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, body.StatusCode);
        Assert.Equal("file", (await body.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        using var form = new MultipartFormDataContent { { new ByteArrayContent(latin1), "file", "danh-ba.csv" } };
        var upload = await admin.PostAsync("/api/directory/import", form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, upload.StatusCode);
        Assert.Contains("UTF-8", await upload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
