using System.Net;
using System.Net.Http.Json;

namespace Workflows.IntegrationTests.Engine;

public sealed class AuthorizationTests : IAsyncLifetime
{
    private readonly WorkflowsApp _app = new();
    private PlanFlow _flow = null!;

    public async Task InitializeAsync() => _flow = await PlanFlow.StartAsync(_app);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_user_without_the_task_role_gets_403_and_nothing_changes()
    {
        var planId = await _flow.CreateAsync("Kế hoạch bồi dưỡng thường xuyên");
        await _flow.SubmitAsync(planId);
        await PlanFlow.ActAsync(_flow.Reviewer, planId, "approve");
        var signTask = await PlanFlow.TaskOfAsync(_flow.Signer, planId);

        var byDrafter = await PlanFlow.CompleteAsync(_flow.Drafter, signTask, "approve");
        var byClerk = await PlanFlow.CompleteAsync(_flow.Clerk, signTask, "approve");

        Assert.Equal(HttpStatusCode.Forbidden, byDrafter.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
        Assert.Equal("awaiting-signature", (await _flow.PlanAsync(planId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_user_of_another_body_can_neither_see_nor_act_on_a_plan()
    {
        var planId = await _flow.CreateAsync("Kế hoạch chuyển đổi số");
        await _flow.SubmitAsync(planId);
        await PlanFlow.ActAsync(_flow.Reviewer, planId, "approve");
        var signTask = await PlanFlow.TaskOfAsync(_flow.Signer, planId);
        var otherBody = await _app.SignInAsync("giamdoc.so");

        Assert.Equal(HttpStatusCode.Forbidden, (await otherBody.GetAsync($"/api/plans/{planId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PlanFlow.CompleteAsync(otherBody, signTask, "approve")).StatusCode);
        Assert.Empty(await otherBody.GetFromJsonAsync<List<object>>("/api/tasks") ?? []);
    }

    [Fact]
    public async Task Only_the_drafter_of_a_plan_may_submit_it()
    {
        var planId = await _flow.CreateAsync("Kế hoạch thi giáo viên dạy giỏi");
        Assert.Equal(HttpStatusCode.Forbidden, (await _flow.Reviewer.PostAsync($"/api/plans/{planId}/submit", null)).StatusCode);
    }

    [Fact]
    public async Task Requests_without_signing_in_get_401()
    {
        var anonymous = _app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/tasks")).StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_make_the_next_attempt_wait_a_growing_delay_after_which_the_right_password_signs_in()
    {
        var client = _app.CreateClient();
        for (var i = 0; i < 4; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/auth/login", new { userName = "quantri", password = "sai" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        var early = await client.PostAsJsonAsync("/api/auth/login", new { userName = "quantri", password = "demo" });
        Assert.Equal(HttpStatusCode.TooManyRequests, early.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), early.Headers.RetryAfter?.Delta);
        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        var right = await client.PostAsJsonAsync("/api/auth/login", new { userName = "quantri", password = "demo" });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }
}
