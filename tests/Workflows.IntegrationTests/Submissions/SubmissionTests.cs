using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using Workflows.Distribution;

namespace Workflows.IntegrationTests.Submissions;

public sealed class SubmissionTests(SubmissionFixture fixture) : IClassFixture<SubmissionFixture>, IAsyncLifetime
{
    private WorkflowsApp App => fixture.App;
    private string Db => fixture.App.ConnectionString;

    public Task InitializeAsync()
    {
        App.Clock.AdjustTime(SubmissionFixture.Start.ToUniversalTime());
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_page_shows_the_request_with_its_dates_in_Vietnam_time_and_a_labelled_form()
    {
        var school = await fixture.NewSchoolAsync("Trường THCS Nguyễn Trãi");
        var page = await new SchoolClient(App).OpenAsync(school.Token);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Trường THCS Nguyễn Trãi", page.Html);
        Assert.Contains(SubmissionFixture.Title, page.Html);
        Assert.Contains("95/KH-PGDĐT", page.Html);
        Assert.Contains("Tháng 3/2026", page.Html);
        Assert.Contains("15/02/2026 đến 14/03/2026", page.Html);
        Assert.Contains("hết ngày 16/03/2026", page.Html);
        Assert.Contains("Nhận báo cáo muộn đến hết ngày 31/03/2026", page.Text);
        Assert.Contains("Chưa nộp", page.Html);
        Assert.Contains("<label for=\"files\">", page.Html);
        Assert.Contains("<label for=\"note\">", page.Html);
        Assert.Contains("name=\"viewport\"", page.Html);
        Assert.Matches("name=\"__RequestVerificationToken\"", page.Html);
        var css = await App.CreateClient().GetAsync("/css/school.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
    }

    [Fact]
    public async Task An_on_time_submission_shows_on_the_page_and_in_the_request_row_with_an_audit_record()
    {
        var school = await fixture.NewSchoolAsync();
        var page = await new SchoolClient(App).SubmitAsync(school.Token, "Số liệu đã được hiệu trưởng duyệt.",
            ("Báo cáo tháng 3.pdf", SampleFiles.Pdf()), ("Số liệu.xlsx", SampleFiles.Xlsx()));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("da-nhan=1", page.Address!.Query);
        Assert.Contains("Đã nhận báo cáo (lần nộp 1)", page.Html);
        Assert.Contains("Đã nộp (đúng hạn)", page.Html);
        Assert.Contains("Báo cáo tháng 3.pdf", page.Html);
        Assert.Contains("Số liệu.xlsx", page.Html);
        Assert.Contains("Lần 1 – 10/03/2026 09:00 – đúng hạn", page.Text);

        var (first, last, late) = await ReportingRows.StateAsync(Db, school.RequestId);
        Assert.Equal(SubmissionFixture.Start, first);
        Assert.Equal(SubmissionFixture.Start, last);
        Assert.False(late);

        await using var connection = new NpgsqlConnection(Db);
        var audit = await connection.QuerySingleAsync<string>(
            "SELECT data::text FROM audit_log WHERE action = 'report.submitted' AND data->>'requestId' = @id", new { id = school.RequestId.ToString() });
        Assert.Contains("Báo cáo tháng 3.pdf", audit);
        var officer = await App.SignInAsync("vanthu");
        var verify = await officer.GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(verify.GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task A_resubmission_before_closing_keeps_both_versions()
    {
        var school = await fixture.NewSchoolAsync();
        var browser = new SchoolClient(App);
        await browser.SubmitAsync(school.Token, null, ("Báo cáo lần 1.pdf", SampleFiles.Pdf("một")));
        App.Clock.Advance(TimeSpan.FromDays(1));
        var page = await browser.SubmitAsync(school.Token, "Bổ sung số liệu lớp 5.", ("Báo cáo lần 2.docx", SampleFiles.Docx()));

        Assert.Contains("Đã nhận báo cáo (lần nộp 2)", page.Html);
        Assert.Contains("Lần 1 – 10/03/2026 09:00", page.Text);
        Assert.Contains("Lần 2 – 11/03/2026 09:00", page.Text);
        Assert.Contains("Báo cáo lần 1.pdf", page.Html);
        Assert.Contains("Báo cáo lần 2.docx", page.Html);

        var (first, last, late) = await ReportingRows.StateAsync(Db, school.RequestId);
        Assert.Equal(SubmissionFixture.Start, first);
        Assert.Equal(SubmissionFixture.Start.AddDays(1), last);
        Assert.False(late);

        var officer = await App.SignInAsync("vanthu");
        var listed = await officer.GetFromJsonAsync<JsonElement>($"/api/reporting/requests/{school.RequestId}/submissions");
        var versions = listed.GetProperty("submissions").EnumerateArray().ToList();
        Assert.Equal([1, 2], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal("Báo cáo lần 1.pdf", versions[0].GetProperty("files")[0].GetProperty("fileName").GetString());
        Assert.Equal("application/pdf", versions[0].GetProperty("files")[0].GetProperty("mediaType").GetString());
        Assert.Equal("Bổ sung số liệu lớp 5.", versions[1].GetProperty("note").GetString());
        Assert.Equal(Workflows.Reporting.Submissions.SubmissionFileTypes.Docx, versions[1].GetProperty("files")[0].GetProperty("mediaType").GetString());
    }

    [Fact]
    public async Task A_submission_after_the_deadline_is_accepted_and_marked_late_and_a_later_version_keeps_the_first_verdict()
    {
        var school = await fixture.NewSchoolAsync();
        App.Clock.AdjustTime(SubmissionFixture.Deadline.AddHours(9).ToUniversalTime()); // Tuesday 17/03/2026 09:00
        var browser = new SchoolClient(App);
        var before = await browser.OpenAsync(school.Token);
        Assert.Contains("Đã quá hạn nộp", before.Html);

        var page = await browser.SubmitAsync(school.Token, null, ("Báo cáo.pdf", SampleFiles.Pdf()));
        Assert.Contains("Đã nộp (muộn)", page.Html);
        Assert.Contains("Lần 1 – 17/03/2026 09:00 – nộp muộn", page.Text);
        var (first, _, late) = await ReportingRows.StateAsync(Db, school.RequestId);
        Assert.Equal(SubmissionFixture.Deadline.AddHours(9), first);
        Assert.True(late);
    }

    [Fact]
    public async Task A_submission_one_minute_before_the_deadline_is_on_time()
    {
        var school = await fixture.NewSchoolAsync();
        App.Clock.AdjustTime(SubmissionFixture.Deadline.AddMinutes(-1).ToUniversalTime()); // Monday 16/03/2026 23:59, the due day moved off Sunday
        await new SchoolClient(App).SubmitAsync(school.Token, null, ("Báo cáo.pdf", SampleFiles.Pdf()));
        Assert.False((await ReportingRows.StateAsync(Db, school.RequestId)).Late);
    }

    [Fact]
    public async Task The_receipt_email_arrives_with_the_Vietnamese_subject_the_files_the_time_and_the_verdict()
    {
        var school = await fixture.NewSchoolAsync();
        await new SchoolClient(App).SubmitAsync(school.Token, "Gửi kèm phụ lục.", ("Báo cáo tháng 3.pdf", SampleFiles.Pdf()), ("Phụ lục.zip", SampleFiles.Zip()));

        var receipt = await ReceivedAsync(school.Address, $"Biên nhận báo cáo: {SubmissionFixture.Title} – Tháng 3/2026");
        Assert.Contains($"Kính gửi {school.SchoolName}", receipt.Body);
        Assert.Contains("Báo cáo tháng 3.pdf", receipt.Body);
        Assert.Contains("Phụ lục.zip", receipt.Body);
        Assert.Contains("Thời điểm nhận: 10/03/2026 09:00 (giờ Việt Nam)", receipt.Body);
        Assert.Contains("Tình trạng: Đúng hạn", receipt.Body);
        Assert.Contains("Kế hoạch số 95/KH-PGDĐT", receipt.Body);
        Assert.Contains("Gửi kèm phụ lục.", receipt.Body);

        await using var connection = new NpgsqlConnection(Db);
        var category = await connection.QuerySingleAsync<string>(
            "SELECT category FROM outgoing_messages WHERE reference_id = @RequestId AND dedup_key LIKE 'receipt:%'", new { school.RequestId });
        Assert.Equal("receipt", category);
    }

    [Fact]
    public async Task A_late_receipt_says_late()
    {
        var school = await fixture.NewSchoolAsync();
        App.Clock.AdjustTime(SubmissionFixture.Deadline.AddDays(2).ToUniversalTime());
        await new SchoolClient(App).SubmitAsync(school.Token, null, ("Báo cáo.pdf", SampleFiles.Pdf()));
        var receipt = await ReceivedAsync(school.Address, $"Biên nhận báo cáo: {SubmissionFixture.Title} – Tháng 3/2026");
        Assert.Contains("Tình trạng: Nộp muộn", receipt.Body);
        Assert.Contains("Thời điểm nhận: 19/03/2026 00:00", receipt.Body);
    }

    [Fact]
    public async Task An_expired_link_shows_a_clear_page_and_takes_no_upload()
    {
        var school = await fixture.NewSchoolAsync();
        var browser = new SchoolClient(App);
        var form = await browser.OpenAsync(school.Token);
        App.Clock.AdjustTime(SubmissionFixture.ClosesAt.AddMinutes(1).ToUniversalTime());

        var page = await browser.OpenAsync(school.Token);
        Assert.Equal(HttpStatusCode.Gone, page.Status);
        Assert.Contains("Kỳ báo cáo đã đóng", page.Html);
        Assert.DoesNotContain("<form", page.Html);

        var post = await browser.PostAsync(school.Token, Antiforgery(form.Html), null, ("Báo cáo.pdf", SampleFiles.Pdf()));
        Assert.Equal(HttpStatusCode.Gone, post.Status);
        Assert.Equal(0, await ReportingRows.SubmissionCountAsync(Db, school.RequestId));
    }

    [Fact]
    public async Task A_revoked_link_says_only_that_it_no_longer_works_and_whom_to_ask_and_takes_no_upload()
    {
        var school = await fixture.NewSchoolAsync();
        var browser = new SchoolClient(App);
        var form = await browser.OpenAsync(school.Token);
        var officer = await App.SignInAsync("vanthu");
        var revoke = await officer.PostAsync($"/api/reporting/requests/{school.RequestId}/revoke", null);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        var page = await browser.OpenAsync(school.Token);
        Assert.Equal(HttpStatusCode.Gone, page.Status);
        Assert.Contains("Đường dẫn đã bị thu hồi", page.Html);
        Assert.DoesNotContain("<form", page.Html);
        Assert.Contains("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", page.Html); // whom to ask
        var post = await browser.PostAsync(school.Token, Antiforgery(form.Html), null, ("Báo cáo.pdf", SampleFiles.Pdf()));
        Assert.Equal(HttpStatusCode.Gone, post.Status);
        foreach (var html in new[] { page.Html, post.Html })
        {
            // Whoever holds the old link learns nothing of the request: not the report, the school or the period.
            Assert.DoesNotContain(SubmissionFixture.Title, html);
            Assert.DoesNotContain(school.SchoolName, html);
            Assert.DoesNotContain("Tháng 3/2026", html);
        }
        Assert.Equal(0, await ReportingRows.SubmissionCountAsync(Db, school.RequestId));

        await using var connection = new NpgsqlConnection(Db);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM audit_log WHERE action = 'report.link-revoked' AND actor = 'vanthu' AND data->>'requestId' = @id", new { id = school.RequestId.ToString() }));
    }

    [Fact]
    public async Task A_recalled_plans_link_says_only_that_the_plan_was_recalled_and_whom_to_ask_and_takes_no_upload()
    {
        // A plan of its own (96/KH-PGDĐT), so that recalling it leaves the fixture's requests open.
        const string title = "Báo cáo công tác phổ cập giáo dục, xóa mù chữ";
        var scheduleId = await ReportingRows.ScheduleAsync(Db, title, "PGDĐT", "96/KH-PGDĐT");
        var periodId = await ReportingRows.PeriodAsync(Db, scheduleId, "2026-03", "Tháng 3/2026", new DateOnly(2026, 2, 15), new DateOnly(2026, 3, 14),
            new DateOnly(2026, 3, 15), SubmissionFixture.Deadline, SubmissionFixture.ClosesAt);
        var school = await ReportingRows.RequestAsync(Db, scheduleId, periodId, "Trường Tiểu học Hoàng Hoa Thám", "hoanghoatham@uongbi.example.org");
        var browser = new SchoolClient(App);
        var form = await browser.OpenAsync(school.Token);
        Assert.Contains(title, form.Html);
        Guid planId;
        await using (var connection = new NpgsqlConnection(Db))
            planId = await connection.ExecuteScalarAsync<Guid>("SELECT plan_id FROM reporting_schedules WHERE id = @scheduleId", new { scheduleId });
        var recall = await (await App.SignInAsync("truongphong")).PostAsJsonAsync($"/api/plans/{planId}/recall", new { reason = "Sai đối tượng báo cáo" });
        Assert.Equal(HttpStatusCode.OK, recall.StatusCode);

        var page = await browser.OpenAsync(school.Token);
        Assert.Equal(HttpStatusCode.Gone, page.Status);
        Assert.Contains("Kế hoạch đã thu hồi", page.Html);
        Assert.Contains("hệ thống không nhận báo cáo qua đường dẫn này", page.Html);
        Assert.DoesNotContain("<form", page.Html);
        Assert.Contains("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", page.Html); // whom to ask
        var post = await browser.PostAsync(school.Token, Antiforgery(form.Html), null, ("Báo cáo.pdf", SampleFiles.Pdf()));
        Assert.Equal(HttpStatusCode.Gone, post.Status);
        Assert.DoesNotContain("<form", post.Html);
        foreach (var html in new[] { page.Html, post.Html })
        {
            // Whoever holds the link learns nothing of the request: not the report, its plan, the school or the period.
            Assert.DoesNotContain(title, html);
            Assert.DoesNotContain("96/KH-PGDĐT", html);
            Assert.DoesNotContain(school.SchoolName, html);
            Assert.DoesNotContain("Tháng 3/2026", html);
        }
        Assert.Equal(0, await ReportingRows.SubmissionCountAsync(Db, school.RequestId));
        await using (var connection = new NpgsqlConnection(Db))
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
                "SELECT (SELECT count(*) FROM outgoing_messages WHERE reference_id = @RequestId) + (SELECT count(*) FROM audit_log WHERE data->>'requestId' = @id)",
                new { school.RequestId, id = school.RequestId.ToString() }));
    }

    [Fact]
    public async Task Tampered_and_malformed_links_get_a_not_found_page_and_take_no_upload()
    {
        var school = await fixture.NewSchoolAsync();
        var browser = new SchoolClient(App);
        var form = await browser.OpenAsync(school.Token);
        var tampered = (school.Token[0] == 'A' ? "B" : "A") + school.Token[1..];

        foreach (var token in new[] { tampered, school.Token[..20], "khong-phai-ma", school.Token + "x" })
        {
            var page = await browser.OpenAsync(token);
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.Contains("Không tìm thấy yêu cầu báo cáo", page.Html);
            Assert.DoesNotContain(school.SchoolName, page.Html);
        }
        var post = await browser.PostAsync(tampered, Antiforgery(form.Html), null, ("Báo cáo.pdf", SampleFiles.Pdf()));
        Assert.Equal(HttpStatusCode.NotFound, post.Status);
        Assert.Equal(0, await ReportingRows.SubmissionCountAsync(Db, school.RequestId));
    }

    [Fact]
    public async Task Another_schools_token_opens_only_that_schools_request()
    {
        var first = await fixture.NewSchoolAsync("Trường Mầm non Hoa Sen");
        var second = await fixture.NewSchoolAsync("Trường Tiểu học Quang Trung");
        var browser = new SchoolClient(App);

        var page = await browser.SubmitAsync(second.Token, null, ("Báo cáo Quang Trung.pdf", SampleFiles.Pdf()));
        Assert.Contains("Trường Tiểu học Quang Trung", page.Html);
        Assert.DoesNotContain("Hoa Sen", page.Html);
        Assert.Equal(1, await ReportingRows.SubmissionCountAsync(Db, second.RequestId));
        Assert.Equal(0, await ReportingRows.SubmissionCountAsync(Db, first.RequestId));
        Assert.Null((await ReportingRows.StateAsync(Db, first.RequestId)).First);

        var firstPage = await browser.OpenAsync(first.Token);
        Assert.Contains("Trường Mầm non Hoa Sen", firstPage.Html);
        Assert.Contains("Chưa nộp", firstPage.Html);
        Assert.DoesNotContain("Báo cáo Quang Trung.pdf", firstPage.Html);
    }

    [Fact]
    public async Task A_renamed_executable_is_refused_with_a_message_next_to_the_file_field()
    {
        var school = await fixture.NewSchoolAsync();
        var page = await new SchoolClient(App).SubmitAsync(school.Token, "Ghi chú giữ lại", ("Báo cáo.pdf", SampleFiles.Executable()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        var error = Regex.Match(page.Html, "<p class=\"field-error\" id=\"files-error\">([^<]*)</p>");
        Assert.True(error.Success, page.Html);
        Assert.Contains("“Báo cáo.pdf” là tệp chương trình", error.Groups[1].Value);
        Assert.Contains("aria-describedby=\"files-help files-error\"", page.Html);
        Assert.Contains(">Ghi chú giữ lại</textarea>", page.Html);
        Assert.Equal(0, await ReportingRows.SubmissionCountAsync(Db, school.RequestId));
    }

    [Fact]
    public async Task A_file_whose_content_does_not_match_its_extension_is_refused_and_nothing_of_the_upload_is_kept()
    {
        var school = await fixture.NewSchoolAsync();
        var page = await new SchoolClient(App).SubmitAsync(school.Token, null,
            ("Báo cáo.pdf", SampleFiles.Pdf()), ("Số liệu.xlsx", SampleFiles.Docx()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains("“Số liệu.xlsx” có đuôi .xlsx nhưng nội dung là tài liệu Word (.docx)", page.Html);
        Assert.Equal(0, await ReportingRows.SubmissionCountAsync(Db, school.RequestId));
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused()
    {
        var school = await fixture.NewSchoolAsync();
        var browser = new SchoolClient(App);
        await browser.OpenAsync(school.Token);
        var page = await browser.PostAsync(school.Token, null, null, ("Báo cáo.pdf", SampleFiles.Pdf()));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Biểu mẫu đã hết hiệu lực", page.Html);
        Assert.Equal(0, await ReportingRows.SubmissionCountAsync(Db, school.RequestId));
    }

    [Fact]
    public async Task Names_and_notes_are_shown_as_text_never_as_markup()
    {
        var school = await fixture.NewSchoolAsync("Trường <script>alert(1)</script> Yên Thanh");
        var page = await new SchoolClient(App).SubmitAsync(school.Token, "<img src=x onerror=alert(2)>", ("<b>Báo cáo</b>.pdf", SampleFiles.Pdf()));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain("<script>alert(1)", page.Raw);
        Assert.DoesNotContain("<img src=x", page.Raw);
        Assert.DoesNotContain("<b>Báo cáo</b>", page.Raw);
        Assert.Contains("Trường &lt;script&gt;alert(1)&lt;/script&gt; Yên Thanh", page.Raw);
    }

    [Fact]
    public async Task A_downloaded_file_has_the_same_bytes_and_its_original_name()
    {
        var school = await fixture.NewSchoolAsync();
        var bytes = SampleFiles.Pdf("tải về");
        await new SchoolClient(App).SubmitAsync(school.Token, null, ("Báo cáo tháng 3 – Trường Tiểu học.pdf", bytes));
        var officer = await App.SignInAsync("vanthu");
        var listed = await officer.GetFromJsonAsync<JsonElement>($"/api/reporting/requests/{school.RequestId}/submissions");
        var file = listed.GetProperty("submissions")[0].GetProperty("files")[0];
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.GetProperty("sha256").GetString());

        var response = await officer.GetAsync($"/api/reporting/files/{file.GetProperty("id").GetGuid()}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Báo cáo tháng 3 – Trường Tiểu học.pdf", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Contains("filename*=UTF-8''B%C3%A1o", response.Content.Headers.GetValues("Content-Disposition").Single());
    }

    [Fact]
    public async Task Officers_of_another_body_get_403_and_unknown_ids_404()
    {
        var school = await fixture.NewSchoolAsync();
        await new SchoolClient(App).SubmitAsync(school.Token, null, ("Báo cáo.pdf", SampleFiles.Pdf()));
        var own = await App.SignInAsync("vanthu");
        var fileId = (await own.GetFromJsonAsync<JsonElement>($"/api/reporting/requests/{school.RequestId}/submissions"))
            .GetProperty("submissions")[0].GetProperty("files")[0].GetProperty("id").GetGuid();

        foreach (var user in new[] { "chuyenvien.so", "giamdoc.so" })
        {
            var other = await App.SignInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/reporting/requests/{school.RequestId}/submissions")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/reporting/files/{fileId}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync($"/api/reporting/requests/{school.RequestId}/revoke", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync($"/api/reporting/requests/{school.RequestId}/reissue", null)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await new SchoolClient(App).OpenAsync(school.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await own.GetAsync($"/api/reporting/files/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await own.GetAsync($"/api/reporting/requests/{Guid.NewGuid()}/submissions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().GetAsync($"/api/reporting/files/{fileId}")).StatusCode);
    }

    [Fact]
    public async Task A_reissued_link_arrives_by_email_and_opens_the_request_while_the_old_link_is_revoked()
    {
        var school = await fixture.NewSchoolAsync();
        var browser = new SchoolClient(App);
        await browser.SubmitAsync(school.Token, null, ("Báo cáo.pdf", SampleFiles.Pdf()));
        var officer = await App.SignInAsync("vanthu");
        var reissue = await officer.PostAsync($"/api/reporting/requests/{school.RequestId}/reissue", null);
        Assert.Equal(HttpStatusCode.OK, reissue.StatusCode);
        Assert.DoesNotContain("nop-bao-cao", await reissue.Content.ReadAsStringAsync());

        var mail = await ReceivedAsync(school.Address, $"Đường dẫn mới để nộp báo cáo: {SubmissionFixture.Title} – Tháng 3/2026");
        var link = Regex.Match(mail.Body, @"https://baocao\.example\.vn/nop-bao-cao/([A-Za-z0-9_-]{43})");
        Assert.True(link.Success, mail.Body);
        var newToken = link.Groups[1].Value;
        Assert.NotEqual(school.Token, newToken);

        var old = await browser.OpenAsync(school.Token);
        Assert.Equal(HttpStatusCode.Gone, old.Status);
        Assert.Contains("Đường dẫn đã bị thu hồi", old.Html);
        var fresh = await browser.SubmitAsync(newToken, null, ("Báo cáo bổ sung.pdf", SampleFiles.Pdf()));
        Assert.Contains("Đã nhận báo cáo (lần nộp 2)", fresh.Html);
        Assert.Contains(school.SchoolName, fresh.Html);

        await using var connection = new NpgsqlConnection(Db);
        var stored = await WaitAsync(async () => await connection.QuerySingleAsync<(string Status, string Body, bool Redact)>(
            "SELECT status, body, redact_after_send FROM outgoing_messages WHERE reference_id = @RequestId AND category = 'report-link'", new { school.RequestId }),
            m => m.Status == "sent");
        Assert.True(stored.Redact);
        Assert.Equal(OutboxSender.RedactedBody, stored.Body);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM audit_log WHERE action = 'report.link-reissued' AND data->>'requestId' = @id", new { id = school.RequestId.ToString() }));
    }

    private static string? Antiforgery(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"") is { Success: true } m ? m.Groups[1].Value : null;

    private async Task<TestSmtpServerMessage> ReceivedAsync(string address, string subject)
    {
        var message = await WaitAsync(() => Task.FromResult(fixture.Smtp.Messages().FirstOrDefault(m => m.To.Contains(address) && m.Subject == subject)), m => m is not null);
        return new TestSmtpServerMessage(message!.Subject, message.Body);
    }

    private static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until) return value;
            await Task.Delay(100);
        }
    }

    private sealed record TestSmtpServerMessage(string Subject, string Body);
}
