using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Workflows.Delegation;
using Workflows.Kernel;

namespace Workflows.IntegrationTests.Delegation;

/// <summary>
/// Scenario of <c>Scenarios/Definitions/delegated-signing.json</c>: the reviewer picks who signs ("chuyển xử lý"). The head
/// records an absence with the head of the office (chánh văn phòng) as delegate for Tuesday and Wednesday: before it the
/// head gets the signing task, during it the delegate gets it on the head's behalf and signs "TUQ." (the policy's form for
/// a delegate who is not the deputy), the delegate's own delegation does not carry it on, and after it the head gets the
/// task again; the end is recorded by the morning job. Clock: <c>FakeTimeProvider</c>, Vietnam dates.
/// </summary>
public sealed class DelegatedSigningScenarioTests : IAsyncLifetime
{
    private const string Definition = "delegated-signing";
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 9, 0, 0, VietnamTime.Offset);
    private readonly WorkflowsApp _app = Scenarios.ScenarioApp.With("delegated-signing.json", new FakeTimeProvider(Monday.ToUniversalTime()));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private void At(int day, int hour = 9) => _app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, day, hour, 0, 0, VietnamTime.Offset).ToUniversalTime());

    private static async Task<JsonElement> TaskOfAsync(HttpClient client, Guid planId) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/tasks")).EnumerateArray().Single(t => t.GetProperty("planId").GetGuid() == planId);

    /// <summary>A plan drafted, submitted on <see cref="Definition"/> and approved by the reviewer, who picks the head to sign.</summary>
    private async Task<Guid> ToSigningAsync(PlanFlow flow, string subject)
    {
        var planId = await flow.CreateAsync(subject);
        (await flow.Drafter.PostAsJsonAsync($"/api/plans/{planId}/submit", new { definitionId = Definition })).EnsureSuccessStatusCode();
        var review = (await TaskOfAsync(flow.Reviewer, planId)).GetProperty("id").GetGuid();
        (await flow.Reviewer.PostAsJsonAsync($"/api/tasks/{review}/complete", new { outcome = "approve", nextAssignee = "truongphong" })).EnsureSuccessStatusCode();
        return planId;
    }

    private async Task<(string? Assignee, string? OnBehalfOf)> HolderAsync(Guid planId)
    {
        await using var connection = new NpgsqlConnection(_app.ConnectionString);
        return await connection.QuerySingleAsync<(string?, string?)>(
            "SELECT assignee, on_behalf_of FROM human_tasks WHERE plan_id = @planId AND status = 'open'", new { planId });
    }

    private async Task<HttpClient> SignInAsync(string userName, string password)
    {
        var client = _app.CreateClient();
        (await client.PostAsJsonAsync("/api/auth/login", new { userName, password })).EnsureSuccessStatusCode();
        return client;
    }

    [Fact]
    public async Task A_delegation_starts_is_used_for_a_TUQ_signature_is_not_passed_on_and_ends_by_itself()
    {
        const string password = "chánh văn phòng ủy quyền 2026";
        var admin = await _app.SignInAsync("quantri");
        (await admin.PostAsJsonAsync("/api/admin/users", new
        {
            userName = "chanhvanphong", fullName = "Vũ Minh Tâm", title = "CHÁNH VĂN PHÒNG", roles = new[] { Roles.Signer }, password,
        })).EnsureSuccessStatusCode();
        var office = await SignInAsync("chanhvanphong", password);
        var head = await _app.SignInAsync("truongphong");
        var flow = await PlanFlow.StartAsync(_app);

        // Monday: the head records the absence (Tuesday–Wednesday); the delegate records one of their own, which must not carry it on.
        var recorded = await head.PostAsJsonAsync("/api/delegations", new
        {
            @delegate = "chanhvanphong", startsOn = "2026-12-08", endsOn = "2026-12-09", definitions = new[] { Definition },
            reference = "Giấy ủy quyền số 12/GUQ-PGDĐT",
        });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await office.PostAsJsonAsync("/api/delegations",
            new { @delegate = "photruongphong", startsOn = "2026-12-08", endsOn = "2026-12-09" })).StatusCode);

        var before = await ToSigningAsync(flow, "Kế hoạch tổ chức ngày hội đọc sách năm 2026");
        Assert.Equal(("truongphong", (string?)null), await HolderAsync(before));

        // Tuesday: the delegation holds; the signing task goes to the delegate, on the head's behalf, and the policy gives TUQ.
        At(8);
        var during = await ToSigningAsync(flow, "Kế hoạch kiểm tra công tác văn thư, lưu trữ năm 2026");
        Assert.Equal(("chanhvanphong", "truongphong"), await HolderAsync(during));
        var task = await TaskOfAsync(office, during);
        Assert.Equal("truongphong", task.GetProperty("onBehalfOf").GetString());
        var tuq = task.GetProperty("signingForms").EnumerateArray().Single(f => f.GetProperty("form").GetString() == "TUQ.");
        Assert.Equal("TUQ. TRƯỞNG PHÒNG", tuq.GetProperty("title").GetString());
        Assert.Equal("CHÁNH VĂN PHÒNG", tuq.GetProperty("secondTitle").GetString());
        Assert.Contains("Giấy ủy quyền số 12/GUQ-PGDĐT", tuq.GetProperty("label").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await PlanFlow.CompleteAsync(head, task.GetProperty("id").GetGuid(), "approve", signingForm: "direct")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await PlanFlow.CompleteAsync(office, task.GetProperty("id").GetGuid(), "approve", signingForm: "TUQ.")).StatusCode);
        var signing = (await flow.PlanAsync(during)).GetProperty("signing");
        Assert.Equal("TUQ.", signing.GetProperty("form").GetString());
        Assert.Equal("TUQ. TRƯỞNG PHÒNG", signing.GetProperty("title").GetString());
        Assert.Equal("CHÁNH VĂN PHÒNG", signing.GetProperty("secondTitle").GetString());
        Assert.Equal("Vũ Minh Tâm", signing.GetProperty("name").GetString());

        // Thursday: it has ended by itself; the head gets the task again and the delegate may no longer sign TUQ.
        At(10);
        var after = await ToSigningAsync(flow, "Kế hoạch bồi dưỡng thường xuyên giáo viên năm 2027");
        Assert.Equal(("truongphong", (string?)null), await HolderAsync(after));
        var state = (await head.GetFromJsonAsync<JsonElement>("/api/delegations")).EnumerateArray().Single(d => d.GetProperty("delegate").GetString() == "chanhvanphong");
        Assert.Equal("2026-12-09", state.GetProperty("endsOn").GetString());
        At(11, 7);
        await _app.Services.GetRequiredService<Delegations>().RecordEndsAsync(VietnamTime.Today(_app.Clock));

        await using var connection = new NpgsqlConnection(_app.ConnectionString);
        var trail = (await connection.QueryAsync<string>(
            "SELECT action FROM audit_log WHERE action LIKE 'delegation.%' OR action = 'task.delegated' ORDER BY seq")).AsList();
        Assert.Equal(["delegation.created", "delegation.created", "task.delegated", "delegation.ended", "delegation.ended"], trail);
    }
}
