using Dapper;
using Npgsql;
using Workflows.IntegrationTests.Submissions;

namespace Workflows.IntegrationTests.Notifications;

/// <summary>
/// The office's owner of a report (the drafter of plan 95/KH-PGDĐT) is told by email, in the submission's transaction,
/// when a school's first submission arrives late or after an overdue notice; never for one on time or a later version.
/// </summary>
public sealed class LateSubmissionNoticeTests(SubmissionFixture fixture) : IClassFixture<SubmissionFixture>, IAsyncLifetime
{
    private const string Owner = "chuyenvien@uongbi.example.org";
    private WorkflowsApp App => fixture.App;

    public async Task InitializeAsync()
    {
        App.Clock.AdjustTime(SubmissionFixture.Start.ToUniversalTime());
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.ExecuteAsync("""UPDATE "AspNetUsers" SET "Email" = @Owner WHERE "UserName" = 'chuyenvien'""", new { Owner });
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
}
