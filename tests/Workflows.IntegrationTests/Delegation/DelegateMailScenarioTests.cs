using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Notifications;
using Workflows.TaskTimers;
using static Workflows.IntegrationTests.Scenarios.TimerScenarioReads;
using static Workflows.Testing.ReportingFlow;

namespace Workflows.IntegrationTests.Delegation;

/// <summary>
/// Scenario of <c>Scenarios/Definitions/queue-signing-reminded.json</c>: the signing task waits in the queue of the role
/// <c>Lead</c>, whose only holder, the head, is away from Tuesday to Thursday under "Giấy ủy quyền số 15/GUQ-PGDĐT" with the
/// head of the office as delegate. The mail about the task follows the delegation at the instant it is written: the
/// new-task email (through the outbox and a real SMTP server), the first reminder and the notice to the role on Wednesday
/// and Thursday's morning digest (the task is overdue) reach the delegate, naming the head, the reference and the last
/// day, and the head gets none of them; on Friday, the delegation over, the digest and the second reminder reach the head.
/// The delegate's inbox (API and page) names the delegation the task comes through. Clock: <c>FakeTimeProvider</c>; the
/// timers are fired by <see cref="TaskTimerStore.FireDueAsync"/> and the digest by <see cref="OverdueDigest.SendAsync"/>,
/// the recurring jobs' calls.
/// </summary>
public sealed class DelegateMailScenarioTests
{
    private const string Definition = "queue-signing-reminded";
    private const string Head = "lanhdao@uongbi.example.org";
    private const string Office = "chanhvanphong@uongbi.example.org";
    private const string Deputy = "phophong@uongbi.example.org";
    private const string Line = "Bạn nhận thư này với tư cách người được ủy quyền của Nguyễn Văn Đạo theo Giấy ủy quyền số 15/GUQ-PGDĐT, đến hết ngày 10/12/2026.";

    /// <summary>The Host on the queue-signing definition with reminders, mailing through <paramref name="smtp"/>; its timers fire only when the test says so.</summary>
    private static WorkflowsApp QueueSigningApp(TestSmtpServer smtp, FakeTimeProvider clock)
    {
        var settings = Settings(smtp.Port);
        foreach (var (key, value) in QueueSigning.LeadRole()) settings[key] = value;
        settings["Workflows:Scheduler:Enabled"] = "false";
        return Scenarios.ScenarioApp.With("queue-signing-reminded.json", clock, settings);
    }

    /// <summary><paramref name="giver"/> records their absence from Tuesday 8 to Thursday 10 December, delegating the definition to the office's chief under <paramref name="reference"/>.</summary>
    private static async Task AwayTuesdayToThursdayAsync(HttpClient giver, string reference) =>
        Assert.Equal(HttpStatusCode.Created, (await giver.PostAsJsonAsync("/api/delegations", new
        {
            @delegate = "chanhvanphong", startsOn = "2026-12-08", endsOn = "2026-12-10", definitions = new[] { Definition }, reference,
        })).StatusCode);

    private static DateTimeOffset At(int day, int hour = 9) => new DateTimeOffset(2026, 12, day, hour, 0, 0, VietnamTime.Offset).ToUniversalTime();

    private static async Task<List<(string Category, string Address, string Body)>> MessagesAsync(WorkflowsApp app, Guid planId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        // The new-task email is linked to its plan by its dedup key (task:{taskId}:…), the timers' mail by plan_id; the digests
        // (one per person) concern the only plan of the scenario.
        return (await connection.QueryAsync<(string, string, string)>(
            """
            SELECT m.category, m.address, m.body FROM outgoing_messages m
            WHERE m.plan_id = @planId OR m.category = 'digest'
               OR m.dedup_key LIKE ANY (SELECT 'task:' || t.id || ':%' FROM human_tasks t WHERE t.plan_id = @planId)
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
        var clock = new FakeTimeProvider(At(7));
        await using var app = QueueSigningApp(smtp, clock);
        var admin = await app.SignInAsync("quantri");
        var head = await QueueSigning.CreateUserAsync(app, admin, "lanhdao", "Nguyễn Văn Đạo", "TRƯỞNG PHÒNG", "Lead");
        var office = await QueueSigning.CreateUserAsync(app, admin, "chanhvanphong", "Vũ Minh Tâm", "CHÁNH VĂN PHÒNG", Roles.Drafter);
        await SetEmailAsync(app, "lanhdao", Head);
        await SetEmailAsync(app, "chanhvanphong", Office);
        var flow = await PlanFlow.StartAsync(app);

        // Monday: the head records the absence from Tuesday to Thursday.
        await AwayTuesdayToThursdayAsync(head, "Giấy ủy quyền số 15/GUQ-PGDĐT");

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
        Assert.Equal("2026-12-10", through.GetProperty("endsOn").GetString());
        var page = WebUtility.HtmlDecode(await office.GetStringAsync("/hop-thu"));
        Assert.Contains("Xử lý thay <strong>Nguyễn Văn Đạo</strong> theo ủy quyền (Giấy ủy quyền số 15/GUQ-PGDĐT) đến hết ngày 10/12/2026", page);
        // The head, who holds the role, still sees the task, but not as anyone's delegate.
        Assert.Equal(JsonValueKind.Null, ((await QueueSigning.TaskOfAsync(head, planId))?.GetProperty("delegation"))?.ValueKind);

        // Wednesday, one working day on: the first reminder and the notice to the role reach the delegate, not the head.
        var timers = app.Services.GetRequiredService<TaskTimerStore>();
        clock.SetUtcNow(At(9));
        await timers.FireDueAsync(clock.GetUtcNow());
        var wednesday = (await MessagesAsync(app, planId)).Where(m => m.Category != "task").ToList();
        Assert.Equal([("task-escalation", Office), ("task-reminder", Office)], wednesday.Select(m => (m.Category, m.Address)).Order());
        Assert.All(wednesday, m => Assert.Contains(Line, m.Body));

        // Thursday 07:00: the task is overdue (due at the end of Wednesday); the morning digest lists it to the delegate only.
        var digest = app.Services.GetRequiredService<OverdueDigest>();
        clock.SetUtcNow(At(10, 7));
        await digest.SendAsync();
        var thursday = Assert.Single(await MessagesAsync(app, planId), m => m.Category == "digest");
        Assert.Equal(Office, thursday.Address);
        Assert.Contains("Xử lý thay Nguyễn Văn Đạo theo ủy quyền (Giấy ủy quyền số 15/GUQ-PGDĐT) đến hết ngày 10/12/2026", thursday.Body);

        // Friday: the delegation has ended. The digest and the second reminder go back to the head, without the delegate's line.
        clock.SetUtcNow(At(11, 7));
        await digest.SendAsync();
        clock.SetUtcNow(At(11));
        await timers.FireDueAsync(clock.GetUtcNow());
        var friday = (await MessagesAsync(app, planId)).Where(m => m.Category is "digest" or "task-reminder").ToList();
        Assert.Equal([("task-reminder", Office), ("digest", Office), ("digest", Head), ("task-reminder", Head)], friday.Select(m => (m.Category, m.Address)));
        Assert.All(friday.Skip(2), m => Assert.DoesNotContain("ủy quyền", m.Body));
        var toHead = await ReceivedAsync(smtp, Head, "Nhắc việc: Ký ban hành");
        Assert.Contains("Kính gửi Nguyễn Văn Đạo", toHead.Body);
        Assert.DoesNotContain(smtp.Messages(), m => m.To.Contains(Head) && !m.Subject.StartsWith("Nhắc việc", StringComparison.Ordinal)
            && !m.Subject.StartsWith("Công việc quá hạn", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_delegate_mailed_about_a_queued_task_is_the_one_who_may_act_on_it_for_the_holder_it_names_and_a_locked_out_delegate_neither_acts_nor_is_mailed()
    {
        using var smtp = new TestSmtpServer().Start();
        var clock = new FakeTimeProvider(At(7));
        await using var app = QueueSigningApp(smtp, clock);
        var admin = await app.SignInAsync("quantri");
        var head = await QueueSigning.CreateUserAsync(app, admin, "lanhdao", "Nguyễn Văn Đạo", "TRƯỞNG PHÒNG", "Lead");
        var deputy = await QueueSigning.CreateUserAsync(app, admin, "phophong", "Lương Thị Vân", "PHÓ TRƯỞNG PHÒNG", "Lead");
        var office = await QueueSigning.CreateUserAsync(app, admin, "chanhvanphong", "Vũ Minh Tâm", "CHÁNH VĂN PHÒNG", Roles.Drafter);
        await SetEmailAsync(app, "lanhdao", Head);
        await SetEmailAsync(app, "phophong", Deputy);
        await SetEmailAsync(app, "chanhvanphong", Office);
        var flow = await PlanFlow.StartAsync(app);

        // Monday: both holders of Lead will be away Tuesday to Thursday with the same delegate; the deputy records it first,
        // the head an hour later.
        await AwayTuesdayToThursdayAsync(deputy, "Giấy ủy quyền số 14/GUQ-PGDĐT");
        clock.SetUtcNow(At(7, 10));
        await AwayTuesdayToThursdayAsync(head, "Giấy ủy quyền số 15/GUQ-PGDĐT");

        // Tuesday: the task arrives in the Lead queue. The delegate is mailed once, for the head (the latest delegation), and
        // the inbox and the claim name the same holder and the same delegation.
        clock.SetUtcNow(At(8));
        var first = await QueueSigning.ToSigningAsync(flow, Definition, "Kế hoạch tổ chức hội thi giáo viên dạy giỏi năm 2026");
        var mailed = Assert.Single(await MessagesAsync(app, first));
        Assert.Equal(("task", Office), (mailed.Category, mailed.Address));
        Assert.Contains(Line, mailed.Body);
        var seen = await QueueSigning.TaskOfAsync(office, first) ?? throw new Xunit.Sdk.XunitException("the delegate does not see the queued signing task");
        Assert.Equal("lanhdao", seen.GetProperty("delegation").GetProperty("onBehalfOf").GetString());
        Assert.Equal("Giấy ủy quyền số 15/GUQ-PGDĐT", seen.GetProperty("delegation").GetProperty("reference").GetString());
        var firstTask = seen.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await office.PostAsync($"/api/tasks/{firstTask}/claim", null)).StatusCode);
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
            Assert.Equal("lanhdao", await connection.ExecuteScalarAsync<string>("SELECT on_behalf_of FROM human_tasks WHERE id = @firstTask", new { firstTask }));

        // The admin disables the delegate's account. Their delegations reach nobody: the next queued task is mailed to the
        // holders, the delegate neither is mailed about it nor may take it, and the task the delegate held comes back to the head.
        var officeId = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/users")).EnumerateArray()
            .Single(u => u.GetProperty("userName").GetString() == "chanhvanphong").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/admin/users/{officeId}/disable", null)).StatusCode);
        var second = await QueueSigning.ToSigningAsync(flow, Definition, "Kế hoạch kiểm tra nội bộ trường học năm 2026");
        var toHolders = await MessagesAsync(app, second);
        Assert.Equal([("task", Head), ("task", Deputy)], toHolders.Select(m => (m.Category, m.Address)));
        Assert.All(toHolders, m => Assert.DoesNotContain("ủy quyền", m.Body));
        // The engine asked directly (the disabled account has no session left to ask through the API).
        var engine = app.Services.GetRequiredService<WorkflowEngine>();
        (string Body, Guid Task) row;
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
            row = await connection.QuerySingleAsync<(string, Guid)>(
                """SELECT u."BodyCode", t.id FROM "AspNetUsers" u, human_tasks t WHERE u."UserName" = 'chanhvanphong' AND t.plan_id = @second AND t.status = 'open'""",
                new { second });
        var delegateActor = new Actor("chanhvanphong", "Vũ Minh Tâm", "CHÁNH VĂN PHÒNG", row.Body, new HashSet<string> { Roles.Drafter });
        Assert.DoesNotContain(await engine.OpenTasksAsync(delegateActor), t => t.PlanId == second || t.PlanId == first);
        var refused = await Assert.ThrowsAsync<WorkflowException>(() => engine.ClaimAsync(row.Task, delegateActor));
        Assert.Equal(ErrorKind.Forbidden, refused.Kind);
        Assert.Equal(HttpStatusCode.NoContent, (await PlanFlow.CompleteAsync(head, firstTask, "approve", signingForm: "direct")).StatusCode);
    }
}
