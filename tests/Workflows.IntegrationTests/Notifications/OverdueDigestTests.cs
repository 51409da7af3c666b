using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Workflows.Host.Notifications;
using Workflows.Kernel;
using Workflows.Notifications;

namespace Workflows.IntegrationTests.Notifications;

/// <summary>
/// The 07:00 digest of overdue tasks: who gets one (the holders of the task's role with an email address), what it says
/// (subject, step, due day, days late, link), once a day, and not to a user who turned it off; the recurring job that
/// runs it at 07:00 Vietnam time.
/// </summary>
public sealed class OverdueDigestTests : IAsyncLifetime
{
    // Monday 7 December 2026, 09:00 in Vietnam: a review task opened now is due at the end of Wednesday 9 December.
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 9, 0, 0, VietnamTime.Offset);
    private readonly WorkflowsApp _app = new(clock: new FakeTimeProvider(Monday.ToUniversalTime()));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<IReadOnlyList<(string Address, string Subject, string Body)>> DigestsAsync()
    {
        await using var connection = new NpgsqlConnection(_app.ConnectionString);
        return (await connection.QueryAsync<(string, string, string)>(
            "SELECT address, subject, body FROM outgoing_messages WHERE category = 'digest' ORDER BY created_at")).AsList();
    }

    [Fact]
    public async Task At_seven_the_reviewer_gets_one_digest_of_the_overdue_review_once_a_day_until_turning_it_off()
    {
        await using (var connection = new NpgsqlConnection(_app.ConnectionString))
        {
            using (_app.CreateClient()) { }
            await connection.ExecuteAsync("""UPDATE "AspNetUsers" SET "Email" = "UserName" || '@uongbi.example.org' WHERE "BodyCode" = 'PGDĐT'""");
        }
        var flow = await PlanFlow.StartAsync(_app);
        var planId = await flow.CreateAsync("Kế hoạch phát triển văn hóa đọc trong nhà trường");
        await flow.SubmitAsync(planId);
        var digest = _app.Services.GetRequiredService<OverdueDigest>();

        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 9, 7, 0, 0, VietnamTime.Offset).ToUniversalTime());
        await digest.SendAsync();
        Assert.Empty(await DigestsAsync());

        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 10, 7, 0, 0, VietnamTime.Offset).ToUniversalTime());
        await digest.SendAsync();
        await digest.SendAsync();
        var sent = Assert.Single(await DigestsAsync());
        Assert.Equal("photruongphong@uongbi.example.org", sent.Address);
        Assert.Equal("Công việc quá hạn: 1 việc (10/12/2026)", sent.Subject);
        Assert.Contains("Kính gửi Phạm Văn Hùng", sent.Body);
        Assert.Contains("- Kế hoạch phát triển văn hóa đọc trong nhà trường", sent.Body);
        Assert.Contains("Bước: Kiểm tra; hạn: 09/12/2026 (quá 1 ngày)", sent.Body);
        Assert.Contains($"http://localhost:5080/ke-hoach/{planId}", sent.Body);

        var reviewer = await _app.SignInAsync("photruongphong");
        Assert.True((await reviewer.GetFromJsonAsync<JsonElement>("/api/me/notifications")).GetProperty("overdueDigest").GetBoolean());
        var off = await reviewer.PutAsJsonAsync("/api/me/notifications", new { taskMail = true, overdueDigest = false });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.False((await off.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("overdueDigest").GetBoolean());
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 11, 7, 0, 0, VietnamTime.Offset).ToUniversalTime());
        await digest.SendAsync();
        Assert.Single(await DigestsAsync());
    }

    [Fact]
    public void The_morning_job_runs_every_day_at_seven_Vietnam_time()
    {
        using var client = _app.CreateClient();
        using var connection = _app.Services.GetRequiredService<JobStorage>().GetConnection();
        var morning = Assert.Single(connection.GetRecurringJobs(), j => j.Id == MorningNoticesJob.RecurringId);
        Assert.Equal("0 7 * * *", morning.Cron);
        Assert.Equal("Asia/Ho_Chi_Minh", morning.TimeZoneId);
        Assert.Equal(typeof(MorningNoticesJob), morning.Job.Type);
    }
}
