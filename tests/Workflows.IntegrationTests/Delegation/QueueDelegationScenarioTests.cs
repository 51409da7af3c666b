using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Workflows.Kernel;

namespace Workflows.IntegrationTests.Delegation;

/// <summary>
/// Scenario of <c>Scenarios/Definitions/queue-signing.json</c>: the signing task waits in the queue of the role
/// <c>Lead</c>, whose only holder is the head. The head records an absence (Tuesday–Wednesday) with the head of the office
/// (chánh văn phòng, who does not hold the role) as delegate, and the delegate records one of their own with a clerk.
/// While the head is away the delegate sees the queued task (even one that arrived the day before the absence began),
/// claims it and signs "TUQ."; the delegate's delegate, and anyone else, gets 403; once a second holder of the role is
/// present the queue is no longer delegated; after the last day the next task waits for the head again. Clock:
/// <c>FakeTimeProvider</c>, Vietnam dates.
/// </summary>
public sealed class QueueDelegationScenarioTests : IAsyncLifetime
{
    private const string Definition = "queue-signing";
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 9, 0, 0, VietnamTime.Offset);

    private readonly WorkflowsApp _app = Scenarios.ScenarioApp.With("queue-signing.json", new FakeTimeProvider(Monday.ToUniversalTime()), QueueSigning.LeadRole());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private void At(int day, int hour = 9) => _app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, day, hour, 0, 0, VietnamTime.Offset).ToUniversalTime());

    private static Task<JsonElement?> TaskOfAsync(HttpClient client, Guid planId) => QueueSigning.TaskOfAsync(client, planId);

    private async Task<Guid> SignTaskAsync(Guid planId)
    {
        await using var connection = new NpgsqlConnection(_app.ConnectionString);
        return await connection.QuerySingleAsync<Guid>("SELECT id FROM human_tasks WHERE plan_id = @planId AND step = 'sign' ORDER BY created_at DESC LIMIT 1", new { planId });
    }

    private static Task<Guid> ToSigningAsync(PlanFlow flow, string subject) => QueueSigning.ToSigningAsync(flow, Definition, subject);

    private Task<HttpClient> CreateUserAsync(HttpClient admin, string userName, string fullName, string title, string role) =>
        QueueSigning.CreateUserAsync(_app, admin, userName, fullName, title, role);

    [Fact]
    public async Task While_the_only_holder_is_away_the_delegate_takes_the_queued_signing_task_signs_TUQ_and_nobody_else_may()
    {
        var admin = await _app.SignInAsync("quantri");
        var head = await CreateUserAsync(admin, "lanhdao", "Nguyễn Văn Đạo", "TRƯỞNG PHÒNG", "Lead");
        var office = await CreateUserAsync(admin, "chanhvanphong", "Vũ Minh Tâm", "CHÁNH VĂN PHÒNG", Roles.Drafter);
        var secretary = await CreateUserAsync(admin, "thuky", "Đào Thu Trang", "CHUYÊN VIÊN", Roles.Drafter);
        var clerk = await _app.SignInAsync("vanthu");
        var flow = await PlanFlow.StartAsync(_app);

        // Monday: the head records the absence (Tuesday–Wednesday) with the office's head; that delegate records one of their own.
        Assert.Equal(HttpStatusCode.Created, (await head.PostAsJsonAsync("/api/delegations", new
        {
            @delegate = "chanhvanphong", startsOn = "2026-12-08", endsOn = "2026-12-09", definitions = new[] { Definition },
            reference = "Giấy ủy quyền số 15/GUQ-PGDĐT",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await office.PostAsJsonAsync("/api/delegations",
            new { @delegate = "thuky", startsOn = "2026-12-08", endsOn = "2026-12-09" })).StatusCode);

        // Monday: the task arrives in the Lead queue; the head sees it, the future delegate neither sees nor claims it.
        var early = await ToSigningAsync(flow, "Kế hoạch tổ chức hội thi giáo viên dạy giỏi năm 2026");
        var earlyTask = await SignTaskAsync(early);
        Assert.NotNull(await TaskOfAsync(head, early));
        Assert.Null(await TaskOfAsync(office, early));
        Assert.Equal(HttpStatusCode.Forbidden, (await office.PostAsync($"/api/tasks/{earlyTask}/claim", null)).StatusCode);

        // Tuesday: the absence holds. The delegate sees the task that arrived before it began, for the head, with TUQ. offered.
        At(8);
        var seen = await TaskOfAsync(office, early) ?? throw new Xunit.Sdk.XunitException("the delegate does not see the queued signing task");
        Assert.Equal("lanhdao", seen.GetProperty("onBehalfOf").GetString());
        var tuq = seen.GetProperty("signingForms").EnumerateArray().Single(f => f.GetProperty("form").GetString() == "TUQ.");
        Assert.Equal("TUQ. TRƯỞNG PHÒNG", tuq.GetProperty("title").GetString());
        Assert.Contains("Giấy ủy quyền số 15/GUQ-PGDĐT", tuq.GetProperty("label").GetString());

        // The delegate's own delegate does not get it (never passed on), and neither does anyone else.
        Assert.Null(await TaskOfAsync(secretary, early));
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.PostAsync($"/api/tasks/{earlyTask}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PlanFlow.CompleteAsync(secretary, earlyTask, "approve", signingForm: "TUQ.")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PlanFlow.CompleteAsync(clerk, earlyTask, "approve", signingForm: "direct")).StatusCode);

        // The delegate claims it (held for the head) and signs TUQ.
        Assert.Equal(HttpStatusCode.NoContent, (await office.PostAsync($"/api/tasks/{earlyTask}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PlanFlow.CompleteAsync(office, earlyTask, "approve", signingForm: "TUQ.")).StatusCode);
        var signing = (await flow.PlanAsync(early)).GetProperty("signing");
        Assert.Equal("TUQ.", signing.GetProperty("form").GetString());
        Assert.Equal("TUQ. TRƯỞNG PHÒNG", signing.GetProperty("title").GetString());
        Assert.Equal("CHÁNH VĂN PHÒNG", signing.GetProperty("secondTitle").GetString());
        Assert.Equal("Vũ Minh Tâm", signing.GetProperty("name").GetString());
        await using (var connection = new NpgsqlConnection(_app.ConnectionString))
        {
            Assert.Equal(("chanhvanphong", "lanhdao"), await connection.QuerySingleAsync<(string, string)>(
                "SELECT completed_by, on_behalf_of FROM human_tasks WHERE id = @earlyTask", new { earlyTask }));
            Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
                "SELECT count(*)::int FROM audit_log WHERE action = 'task.delegated' AND task_id = @earlyTask AND actor = 'chanhvanphong'", new { earlyTask }));
        }
        var page = await flow.Drafter.GetStringAsync($"/ke-hoach/{early}");
        Assert.Contains("Vũ Minh Tâm xử lý thay Nguyễn Văn Đạo theo ủy quyền (Giấy ủy quyền số 15/GUQ-PGDĐT) — Ký ban hành", WebUtility.HtmlDecode(page));

        // Still Tuesday: a second holder of the role is present, so a new queued task is theirs, not the delegate's.
        var present = await ToSigningAsync(flow, "Kế hoạch kiểm tra nội bộ trường học năm 2026");
        Assert.NotNull(await TaskOfAsync(office, present));
        var deputy = await CreateUserAsync(admin, "phophong", "Lương Thị Vân", "PHÓ TRƯỞNG PHÒNG", "Lead");
        Assert.Null(await TaskOfAsync(office, present));
        Assert.NotNull(await TaskOfAsync(deputy, present));
        Assert.Equal(HttpStatusCode.Forbidden, (await PlanFlow.CompleteAsync(office, await SignTaskAsync(present), "approve", signingForm: "TUQ.")).StatusCode);

        // Thursday: the delegation has ended by itself; the next task waits for the head, and the delegate no longer sees it.
        At(10);
        var after = await ToSigningAsync(flow, "Kế hoạch bồi dưỡng cán bộ quản lý năm 2027");
        Assert.NotNull(await TaskOfAsync(head, after));
        Assert.Null(await TaskOfAsync(office, after));
        Assert.Equal(HttpStatusCode.Forbidden, (await office.PostAsync($"/api/tasks/{await SignTaskAsync(after)}/claim", null)).StatusCode);
    }
}
