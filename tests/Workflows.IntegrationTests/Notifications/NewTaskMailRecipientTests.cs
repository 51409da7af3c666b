using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Workflows.Kernel;

namespace Workflows.IntegrationTests.Notifications;

/// <summary>
/// The email of a new task: a task of a role's queue goes to every holder of the role in the body who has an address and
/// has not turned it off; a task for one person goes to that person only; each names the plan, the step, the due day
/// (Vietnam date) and the plan's link, and is written with the transition (category <c>task</c>).
/// </summary>
public sealed class NewTaskMailRecipientTests : IAsyncLifetime
{
    // Monday 7 December 2026, 09:00 in Vietnam: a review or signing task opened now is due at the end of Wednesday 9 December.
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 9, 0, 0, VietnamTime.Offset);
    private readonly WorkflowsApp _app = new(clock: new FakeTimeProvider(Monday.ToUniversalTime()));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<IReadOnlyList<(string Address, string RecipientName, string Subject, string Body, string DedupKey)>> TaskMailAsync()
    {
        await using var connection = new NpgsqlConnection(_app.ConnectionString);
        return (await connection.QueryAsync<(string, string, string, string, string)>(
            "SELECT address, recipient_name, subject, body, dedup_key FROM outgoing_messages WHERE category = 'task' ORDER BY created_at, address")).AsList();
    }

    [Fact]
    public async Task Each_new_task_emails_its_holders_who_have_an_address_and_have_not_turned_it_off()
    {
        await using (var connection = new NpgsqlConnection(_app.ConnectionString))
        {
            using (_app.CreateClient()) { }
            await connection.ExecuteAsync("""UPDATE "AspNetUsers" SET "Email" = "UserName" || '@uongbi.example.org' WHERE "BodyCode" = 'PGDĐT'""");
        }
        var flow = await PlanFlow.StartAsync(_app);
        Assert.Equal(HttpStatusCode.OK, (await flow.Signer.PutAsJsonAsync("/api/me/notifications", new { taskMail = false, overdueDigest = true })).StatusCode);
        var planId = await flow.CreateAsync("Kế hoạch phát triển văn hóa đọc trong nhà trường");

        await flow.SubmitAsync(planId);
        var review = Assert.Single(await TaskMailAsync());
        Assert.Equal(("photruongphong@uongbi.example.org", "Phạm Văn Hùng"), (review.Address, review.RecipientName));
        Assert.Equal("Công việc mới: Kiểm tra — Kế hoạch phát triển văn hóa đọc trong nhà trường", review.Subject);
        Assert.StartsWith("Kính gửi Phạm Văn Hùng,\n\nKế hoạch \"Kế hoạch phát triển văn hóa đọc trong nhà trường\" chờ người giữ vai trò của bạn nhận xử lý: Kiểm tra.\nHạn xử lý: hết ngày 09/12/2026.\n", review.Body);
        Assert.Contains($"Mở công việc: http://localhost:5080/ke-hoach/{planId}", review.Body);
        Assert.DoesNotContain("theo ủy quyền", review.Body);
        Assert.StartsWith("task:", review.DedupKey);
        Assert.EndsWith(":Created:photruongphong", review.DedupKey);

        // The signing queue: photruongphong and truongphong hold Signer, and truongphong turned the email off.
        await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");
        var sign = (await TaskMailAsync()).Where(m => m.Subject.StartsWith("Công việc mới: Ký ban hành", StringComparison.Ordinal)).ToList();
        Assert.Equal(["photruongphong@uongbi.example.org"], sign.Select(m => m.Address));

        // A return goes to the drafter alone: a task held by one person.
        await PlanFlow.ActAsync(flow.Reviewer, planId, "return", "Bổ sung kinh phí.");
        var revision = (await TaskMailAsync()).Where(m => m.Subject.StartsWith("Công việc mới: Soạn thảo", StringComparison.Ordinal)).ToList();
        var toDrafter = Assert.Single(revision);
        Assert.Equal("chuyenvien@uongbi.example.org", toDrafter.Address);
        Assert.Contains(" chờ bạn xử lý: ", toDrafter.Body);
    }

    [Fact]
    public async Task A_holder_without_an_address_or_locked_out_gets_no_email()
    {
        await using (var connection = new NpgsqlConnection(_app.ConnectionString))
        {
            using (_app.CreateClient()) { }
            await connection.ExecuteAsync("""UPDATE "AspNetUsers" SET "Email" = "UserName" || '@uongbi.example.org' WHERE "UserName" = 'truongphong'""");
            await connection.ExecuteAsync("""UPDATE "AspNetUsers" SET "Email" = '  ' WHERE "UserName" = 'photruongphong'""");
        }
        var flow = await PlanFlow.StartAsync(_app);
        var planId = await flow.CreateAsync("Kế hoạch kiểm tra nội bộ trường học");
        await flow.SubmitAsync(planId);
        Assert.Empty(await TaskMailAsync());

        await using (var connection = new NpgsqlConnection(_app.ConnectionString))
            await connection.ExecuteAsync("""UPDATE "AspNetUsers" SET "LockoutEnd" = @until WHERE "UserName" = 'truongphong'""",
                new { until = Monday.AddDays(30).ToUniversalTime() });
        await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");
        Assert.Empty(await TaskMailAsync());
    }
}
