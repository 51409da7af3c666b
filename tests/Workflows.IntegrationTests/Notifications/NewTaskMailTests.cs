using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Workflows.Kernel;
using static Workflows.Testing.ReportingFlow;

namespace Workflows.IntegrationTests.Notifications;

/// <summary>
/// The new-task email (the engine's task-opened hook): a task waiting in a role's queue is mailed, through the outbox and a
/// real SMTP server, to each holder of the role with an address, with the link to the plan; a holder who turned task mail
/// off on <c>/api/me/notifications</c> gets none.
/// </summary>
public sealed class NewTaskMailTests
{
    [Fact]
    public async Task A_new_signing_task_emails_the_head_a_link_to_it_and_nothing_to_the_deputy_who_turned_task_mail_off()
    {
        using var smtp = new TestSmtpServer().Start();
        await using var app = new WorkflowsApp(clock: new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, VietnamTime.Offset).ToUniversalTime()),
            settings: Settings(smtp.Port));
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            using (app.CreateClient()) { }
            await connection.ExecuteAsync("""UPDATE "AspNetUsers" SET "Email" = "UserName" || '@uongbi.example.org' WHERE "BodyCode" = 'PGDĐT'""");
        }
        var flow = await PlanFlow.StartAsync(app);
        // The deputy (Reviewer and Signer) turns task mail off; the head keeps the default (on).
        var off = await flow.Reviewer.PutAsJsonAsync("/api/me/notifications", new { taskMail = false, overdueDigest = true });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);

        var planId = await flow.CreateAsync("Kế hoạch tổ chức Ngày hội đọc sách năm 2026");
        await flow.SubmitAsync(planId);
        await PlanFlow.ActAsync(flow.Reviewer, planId, "approve");

        var deadline = DateTime.UtcNow.AddSeconds(15);
        TestSmtpServer.Received? mail = null;
        while (mail is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the head's new-task email did not arrive within 15 s");
            mail = smtp.Messages().FirstOrDefault(m => m.To.Contains("truongphong@uongbi.example.org") && m.Subject.StartsWith("Công việc mới", StringComparison.Ordinal));
            if (mail is null) await Task.Delay(100);
        }
        Assert.Equal("Công việc mới: Ký ban hành — Kế hoạch tổ chức Ngày hội đọc sách năm 2026", mail.Subject);
        Assert.Contains("Kính gửi Trần Nam Hải", mail.Body);
        Assert.Contains("Hạn xử lý: hết ngày", mail.Body);
        Assert.Contains($"Mở công việc: https://baocao.uongbi.example.org/ke-hoach/{planId}", mail.Body);

        // The deputy holds the same role but turned the mail off: neither the review task nor the signing task was mailed to them.
        await using var check = new NpgsqlConnection(app.ConnectionString);
        Assert.Equal(0, await check.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM outgoing_messages WHERE category = 'task' AND address = 'photruongphong@uongbi.example.org'"));
        Assert.DoesNotContain(smtp.Messages(), m => m.To.Contains("photruongphong@uongbi.example.org") && m.Subject.StartsWith("Công việc mới", StringComparison.Ordinal));
        Assert.Equal(1, await check.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM outgoing_messages WHERE category = 'task' AND address = 'truongphong@uongbi.example.org'"));
    }
}
