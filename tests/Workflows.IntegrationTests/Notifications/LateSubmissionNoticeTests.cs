using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Workflows.IntegrationTests.Submissions;

namespace Workflows.IntegrationTests.Notifications;

/// <summary>
/// The office's owner of a report (the drafter of plan 95/KH-PGDĐT) is told by email, in the submission's transaction,
/// when a school's first submission arrives late or after an overdue notice; never for one on time or a later version,
/// nor to an owner who turned the notice off on <c>/api/me/notifications</c>.
/// </summary>
public sealed class LateSubmissionNoticeTests(SubmissionFixture fixture) : IClassFixture<SubmissionFixture>, IAsyncLifetime
{
    private const string Owner = "chuyenvien@uongbi.example.org";
    private WorkflowsApp App => fixture.App;

    public async Task InitializeAsync()
    {
        App.Clock.AdjustTime(SubmissionFixture.Start.ToUniversalTime());
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.ExecuteAsync("""UPDATE "AspNetUsers" SET "Email" = @Owner, "LockoutEnd" = NULL WHERE "UserName" = 'chuyenvien'""", new { Owner });
        await connection.ExecuteAsync("DELETE FROM notification_preferences WHERE user_name = 'chuyenvien'"); // each test starts from the default (on)
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<IReadOnlyList<(string Address, string Subject, string Body)>> NoticesAsync(Guid requestId)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        return (await connection.QueryAsync<(string, string, string)>(
            "SELECT address, subject, body FROM outgoing_messages WHERE category = 'late-submission' AND reference_id = @requestId", new { requestId })).AsList();
    }

    [Fact]
    public async Task A_late_first_submission_tells_the_plans_drafter_with_a_link_and_a_second_version_does_not()
    {
        var late = await fixture.NewSchoolAsync("Trường Tiểu học Quang Trung");
        App.Clock.AdjustTime(SubmissionFixture.Deadline.AddHours(9).ToUniversalTime()); // Tuesday 17/03/2026 09:00
        await new SchoolClient(App).SubmitAsync(late.Token, null, ("Báo cáo.pdf", SampleFiles.Pdf()));

        var notice = Assert.Single(await NoticesAsync(late.RequestId));
        Assert.Equal(Owner, notice.Address);
        Assert.Equal($"Nộp muộn: Trường Tiểu học Quang Trung — {SubmissionFixture.Title}, Tháng 3/2026", notice.Subject);
        Assert.Contains("lúc 09:00 ngày 17/03/2026, sau hạn nộp (hạn nộp: hết ngày 16/03/2026)", notice.Body);
        Assert.Contains("theo kế hoạch số 95/KH-PGDĐT", notice.Body);
        Assert.Contains($"https://baocao.example.vn/bao-cao/yeu-cau/{late.RequestId}", notice.Body);

        await new SchoolClient(App).SubmitAsync(late.Token, "Bổ sung.", ("Báo cáo bổ sung.pdf", SampleFiles.Pdf()));
        Assert.Single(await NoticesAsync(late.RequestId));
    }

    [Fact]
    public async Task An_owner_locked_out_when_a_late_submission_arrives_by_the_offices_clock_is_not_written_to_and_is_once_the_lockout_has_ended()
    {
        // The drafter is locked out until Thursday 19/03/2026 09:00: long past by the database's own clock, not by the office's.
        await using (var connection = new NpgsqlConnection(App.ConnectionString))
            await connection.ExecuteAsync("""UPDATE "AspNetUsers" SET "LockoutEnd" = @until WHERE "UserName" = 'chuyenvien'""",
                new { until = SubmissionFixture.Deadline.AddDays(2).AddHours(9).ToUniversalTime() });
        var whileLocked = await fixture.NewSchoolAsync();
        App.Clock.AdjustTime(SubmissionFixture.Deadline.AddHours(9).ToUniversalTime()); // Tuesday 17/03/2026 09:00
        await new SchoolClient(App).SubmitAsync(whileLocked.Token, null, ("Báo cáo.pdf", SampleFiles.Pdf()));
        Assert.Empty(await NoticesAsync(whileLocked.RequestId));

        var afterwards = await fixture.NewSchoolAsync();
        App.Clock.AdjustTime(SubmissionFixture.Deadline.AddDays(3).AddHours(9).ToUniversalTime()); // Friday 20/03/2026 09:00
        await new SchoolClient(App).SubmitAsync(afterwards.Token, null, ("Báo cáo.pdf", SampleFiles.Pdf()));
        Assert.Equal(Owner, Assert.Single(await NoticesAsync(afterwards.RequestId)).Address);
    }

    [Fact]
    public async Task A_submission_after_an_overdue_notice_says_so_and_one_on_time_tells_nobody()
    {
        var onTime = await fixture.NewSchoolAsync();
        await new SchoolClient(App).SubmitAsync(onTime.Token, null, ("Báo cáo.pdf", SampleFiles.Pdf()));
        Assert.Empty(await NoticesAsync(onTime.RequestId));

        var reminded = await fixture.NewSchoolAsync();
        await using (var connection = new NpgsqlConnection(App.ConnectionString))
            await connection.ExecuteAsync("UPDATE report_requests SET overdue_at = @at WHERE id = @RequestId",
                new { at = SubmissionFixture.Deadline.AddHours(7).ToUniversalTime(), reminded.RequestId });
        App.Clock.AdjustTime(SubmissionFixture.Deadline.AddDays(1).ToUniversalTime());
        await new SchoolClient(App).SubmitAsync(reminded.Token, null, ("Báo cáo.pdf", SampleFiles.Pdf()));
        Assert.Contains("sau khi đã nhận thông báo quá hạn ngày 17/03/2026", Assert.Single(await NoticesAsync(reminded.RequestId)).Body);
    }

    [Fact]
    public async Task The_owner_receives_by_smtp_a_vietnamese_email_naming_the_late_school_the_report_and_the_period_until_they_turn_it_off()
    {
        var onTime = await fixture.NewSchoolAsync("Trường Mầm non Hoa Hồng");
        await new SchoolClient(App).SubmitAsync(onTime.Token, null, ("Báo cáo.pdf", SampleFiles.Pdf()));
        var late = await fixture.NewSchoolAsync("Trường Trung học cơ sở Lê Quý Đôn");
        App.Clock.AdjustTime(SubmissionFixture.Deadline.AddDays(2).AddHours(14).ToUniversalTime()); // Thursday 19/03/2026 14:00
        await new SchoolClient(App).SubmitAsync(late.Token, null, ("Báo cáo.pdf", SampleFiles.Pdf()));

        var mail = await ArrivesAsync(m => m.Subject.Contains("Lê Quý Đôn", StringComparison.Ordinal));
        Assert.Contains(Owner, mail.To);
        Assert.Equal($"Nộp muộn: Trường Trung học cơ sở Lê Quý Đôn — {SubmissionFixture.Title}, Tháng 3/2026", mail.Subject);
        Assert.Contains("Kính gửi Nguyễn Thị Lan", mail.Body);
        Assert.Contains($"Trường Trung học cơ sở Lê Quý Đôn đã nộp báo cáo \"{SubmissionFixture.Title} (theo kế hoạch số 95/KH-PGDĐT)\", Tháng 3/2026, "
            + "lúc 14:00 ngày 19/03/2026, sau hạn nộp (hạn nộp: hết ngày 16/03/2026).", mail.Body);
        Assert.Contains($"Tình hình nộp của các trường: https://baocao.example.vn/bao-cao/{fixture.ScheduleId}", mail.Body);
        Assert.Empty(await NoticesAsync(onTime.RequestId));
        Assert.DoesNotContain(fixture.Smtp.Messages(), m => m.Subject.Contains("Hoa Hồng", StringComparison.Ordinal));

        // The owner turns the notice off on their preferences; the next late school tells nobody.
        var drafter = await App.SignInAsync("chuyenvien");
        Assert.True((await drafter.GetFromJsonAsync<JsonElement>("/api/me/notifications")).GetProperty("lateSubmission").GetBoolean());
        var off = await drafter.PutAsJsonAsync("/api/me/notifications", new { taskMail = true, overdueDigest = true, lateSubmission = false });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.False((await off.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lateSubmission").GetBoolean());
        var unheard = await fixture.NewSchoolAsync("Trường Tiểu học Nguyễn Trãi");
        await new SchoolClient(App).SubmitAsync(unheard.Token, null, ("Báo cáo.pdf", SampleFiles.Pdf()));
        Assert.Empty(await NoticesAsync(unheard.RequestId));
        Assert.DoesNotContain(fixture.Smtp.Messages(), m => m.Subject.Contains("Nguyễn Trãi", StringComparison.Ordinal));
    }

    private async Task<TestSmtpServer.Received> ArrivesAsync(Func<TestSmtpServer.Received, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (fixture.Smtp.Messages().FirstOrDefault(match) is { } mail) return mail;
            Assert.True(DateTime.UtcNow < deadline, "the owner's email did not reach the SMTP server within 15 s");
            await Task.Delay(100);
        }
    }
}
