using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Workflows.Kernel;
using Workflows.TaskTimers;
using static Workflows.IntegrationTests.Scenarios.TimerScenarioReads;
using static Workflows.Testing.ReportingFlow;

namespace Workflows.IntegrationTests.Delegation;

/// <summary>
/// Scenario of <c>Scenarios/Definitions/queue-signing-reminded.json</c>: the signing task waits in the queue of the role
/// <c>Lead</c>, whose only holder, the head, is away on Tuesday and Wednesday under "Giấy ủy quyền số 15/GUQ-PGDĐT" with the
/// head of the office as delegate. The mail about the task follows the delegation at the instant it is written: the
/// new-task email (through the outbox and a real SMTP server), the first reminder and the notice to the role on Wednesday
/// reach the delegate, naming the head, the reference and the last day, and the head gets none of them; the second
/// reminder, on Thursday once the delegation has ended, reaches the head. The delegate's inbox (API and page) names the
/// delegation the task comes through. Clock: <c>FakeTimeProvider</c>; the timers are fired by
/// <see cref="TaskTimerStore.FireDueAsync"/>, the recurring job's call.
/// </summary>
public sealed class DelegateMailScenarioTests
{
    private const string Definition = "queue-signing-reminded";
    private const string Head = "lanhdao@uongbi.example.org";
    private const string Office = "chanhvanphong@uongbi.example.org";
    private const string Line = "Bạn nhận thư này với tư cách người được ủy quyền của Nguyễn Văn Đạo theo Giấy ủy quyền số 15/GUQ-PGDĐT, đến hết ngày 09/12/2026.";

    private static DateTimeOffset At(int day) => new DateTimeOffset(2026, 12, day, 9, 0, 0, VietnamTime.Offset).ToUniversalTime();

    private static async Task<List<(string Category, string Address, string Body)>> MessagesAsync(WorkflowsApp app, Guid planId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        // The new-task email is linked to its plan by its dedup key (task:{taskId}:…), the timers' mail by plan_id.
        return (await connection.QueryAsync<(string, string, string)>(
            """
            SELECT m.category, m.address, m.body FROM outgoing_messages m
            WHERE m.plan_id = @planId OR m.dedup_key LIKE ANY (SELECT 'task:' || t.id || ':%' FROM human_tasks t WHERE t.plan_id = @planId)
            ORDER BY m.created_at, m.category, m.address
            """, new { planId })).AsList();
    }

    private static async Task<TestSmtpServer.Received> ReceivedAsync(TestSmtpServer smtp, string to, string subjectStart)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (smtp.Messages().FirstOrDefault(m => m.To.Contains(to) && m.Subject.StartsWith(subjectStart, StringComparison.Ordinal)) is { } mail) return mail;
            Assert.True(DateTime.UtcNow < deadline, $"no \"{subjectStart}…\" email reached {to} within 15 s");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task While_the_only_holder_is_away_the_new_task_email_reminders_and_notices_reach_the_delegate_and_after_the_absence_the_holder()
    {
        using var smtp = new TestSmtpServer().Start();
        var settings = Settings(smtp.Port);
        foreach (var (key, value) in QueueSigning.LeadRole()) settings[key] = value;
        // The timers fire only when the test says so.
        settings["Workflows:Scheduler:Enabled"] = "false";
        var clock = new FakeTimeProvider(At(7));
        await using var app = Scenarios.ScenarioApp.With("queue-signing-reminded.json", clock, settings);
        var admin = await app.SignInAsync("quantri");
        var head = await QueueSigning.CreateUserAsync(app, admin, "lanhdao", "Nguyễn Văn Đạo", "TRƯỞNG PHÒNG", "Lead");
        var office = await QueueSigning.CreateUserAsync(app, admin, "chanhvanphong", "Vũ Minh Tâm", "CHÁNH VĂN PHÒNG", Roles.Drafter);
        await SetEmailAsync(app, "lanhdao", Head);
        await SetEmailAsync(app, "chanhvanphong", Office);
        var flow = await PlanFlow.StartAsync(app);

        // Monday: the head records the absence for Tuesday and Wednesday.
        Assert.Equal(HttpStatusCode.Created, (await head.PostAsJsonAsync("/api/delegations", new
        {
            @delegate = "chanhvanphong", startsOn = "2026-12-08", endsOn = "2026-12-09", definitions = new[] { Definition },
            reference = "Giấy ủy quyền số 15/GUQ-PGDĐT",
        })).StatusCode);

        // Tuesday: the signing task arrives in the Lead queue. Its email reaches the delegate, saying for whom and until when.
        clock.SetUtcNow(At(8));
        var planId = await QueueSigning.ToSigningAsync(flow, Definition, "Kế hoạch tổ chức hội thi giáo viên dạy giỏi năm 2026");
        var mail = await ReceivedAsync(smtp, Office, "Công việc mới: Ký ban hành");
        Assert.Equal("Công việc mới: Ký ban hành — Kế hoạch tổ chức hội thi giáo viên dạy giỏi năm 2026", mail.Subject);
        Assert.Contains("Kính gửi Vũ Minh Tâm", mail.Body);
        Assert.Contains("chờ bạn nhận xử lý: Ký ban hành.", mail.Body);
        Assert.Contains(Line, mail.Body);
        Assert.Contains($"Mở công việc: https://baocao.uongbi.example.org/ke-hoach/{planId}", mail.Body);
        Assert.Equal([("task", Office)], (await MessagesAsync(app, planId)).Select(m => (m.Category, m.Address)));

        // The delegate's inbox names the delegation the task comes through: the API and the page.
        var seen = await QueueSigning.TaskOfAsync(office, planId) ?? throw new Xunit.Sdk.XunitException("the delegate does not see the queued signing task");
        var through = seen.GetProperty("delegation");
        Assert.Equal("lanhdao", through.GetProperty("onBehalfOf").GetString());
        Assert.Equal("Nguyễn Văn Đạo", through.GetProperty("onBehalfOfName").GetString());
        Assert.Equal("Giấy ủy quyền số 15/GUQ-PGDĐT", through.GetProperty("reference").GetString());
        Assert.Equal("2026-12-09", through.GetProperty("endsOn").GetString());
        var page = WebUtility.HtmlDecode(await office.GetStringAsync("/hop-thu"));
        Assert.Contains("Xử lý thay <strong>Nguyễn Văn Đạo</strong> theo ủy quyền (Giấy ủy quyền số 15/GUQ-PGDĐT) đến hết ngày 09/12/2026", page);
        // The head, who holds the role, still sees the task, but not as anyone's delegate.
        Assert.Equal(JsonValueKind.Null, ((await QueueSigning.TaskOfAsync(head, planId))?.GetProperty("delegation"))?.ValueKind);

        // Wednesday, one working day on: the first reminder and the notice to the role reach the delegate, not the head.
        var timers = app.Services.GetRequiredService<TaskTimerStore>();
        clock.SetUtcNow(At(9));
        await timers.FireDueAsync(clock.GetUtcNow());
        var wednesday = (await MessagesAsync(app, planId)).Where(m => m.Category != "task").ToList();
        Assert.Equal([("task-escalation", Office), ("task-reminder", Office)], wednesday.Select(m => (m.Category, m.Address)).Order());
        Assert.All(wednesday, m => Assert.Contains(Line, m.Body));

        // Thursday: the delegation has ended; the second reminder goes back to the head, without the delegate's line.
        clock.SetUtcNow(At(10));
        await timers.FireDueAsync(clock.GetUtcNow());
        var reminders = (await MessagesAsync(app, planId)).Where(m => m.Category == "task-reminder").ToList();
        Assert.Equal([Office, Head], reminders.Select(m => m.Address));
        Assert.DoesNotContain("ủy quyền", reminders[1].Body);
        var toHead = await ReceivedAsync(smtp, Head, "Nhắc việc: Ký ban hành");
        Assert.Contains("Kính gửi Nguyễn Văn Đạo", toHead.Body);
        Assert.DoesNotContain(smtp.Messages(), m => m.To.Contains(Head) && !m.Subject.StartsWith("Nhắc việc", StringComparison.Ordinal));
    }
}
