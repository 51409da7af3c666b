using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflows.Distribution;
using static Workflows.Testing.ReportingFlow;

namespace Workflows.IntegrationTests.Reporting;

public sealed class ReportingApiTests
{
    [Fact]
    public async Task A_plan_whose_duty_is_still_unspecified_is_not_released_until_the_duty_gets_a_date()
    {
        await using var app = new WorkflowsApp(clock: new FakeTimeProvider(Vn(2026, 3, 2, 8).ToUniversalTime()));
        var flow = await PlanFlow.StartAsync(app);
        var planId = await flow.UploadAsync(RepositoryPaths.Plan("uongbi-2020-82-KH-PGDDT.txt"));
        await DistributionFlow.ToClerkAsync(flow, planId);

        var response = await DistributionFlow.ClerkApproveAsync(flow, planId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("reportingDuties[0].frequency", problem.GetProperty("field").GetString());
        Assert.Contains("định kỳ", problem.GetProperty("title").GetString());
        var plan = await flow.PlanAsync(planId);
        Assert.Equal("signed", plan.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("symbol").ValueKind);
        Assert.Empty((await flow.Clerk.GetFromJsonAsync<JsonElement[]>($"/api/reporting/plans/{planId}/schedules"))!);
        var check = Assert.Single((await flow.Drafter.GetFromJsonAsync<JsonElement[]>($"/api/reporting/plans/{planId}/duties"))!);
        Assert.Equal("incomplete", check.GetProperty("state").GetString());
        Assert.Equal("reportingDuties[0].frequency", check.GetProperty("field").GetString());

        // The drafter completes the duty on the signed plan; the clerk releases it.
        var bad = await flow.Drafter.PutAsJsonAsync($"/api/reporting/plans/{planId}/duties/0", new { frequency = "half-yearly" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("reportingDuties[0].dueDay", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        var completed = await flow.Drafter.PutAsJsonAsync($"/api/reporting/plans/{planId}/duties/0", new { frequency = "half-yearly", dueDay = 20 });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("ready", (await completed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.True((await DistributionFlow.ClerkApproveAsync(flow, planId)).IsSuccessStatusCode);
        var schedule = await ScheduleOfAsync(flow.Clerk, planId);
        Assert.Equal("half-yearly", schedule.GetProperty("frequency").GetString());
        Assert.Equal(["6 tháng đầu năm 2026", "6 tháng cuối năm 2026"], schedule.GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("label").GetString()));
        Assert.Contains("định kỳ tổng hợp báo cáo", (await flow.PlanAsync(planId)).GetProperty("fields").GetProperty("reportingDuties")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_quarterly_duty_completed_by_the_drafter_becomes_a_schedule_for_the_chosen_schools()
    {
        await using var app = new WorkflowsApp(clock: new FakeTimeProvider(Vn(2026, 1, 5, 8).ToUniversalTime()));
        var flow = await PlanFlow.StartAsync(app);
        var directory = (await flow.Clerk.GetFromJsonAsync<JsonElement[]>("/api/directory?kind=school"))!;
        var chosen = directory.Where(e => e.GetProperty("name").GetString()!.Contains("THCS", StringComparison.Ordinal))
            .Select(e => e.GetProperty("id").GetGuid()).ToArray();
        var planId = await ReleasePlan95Async(flow, duty =>
        {
            duty["frequency"] = "quarterly";
            duty["dueDay"] = 10;
            duty["months"] = new System.Text.Json.Nodes.JsonArray(3, 6, 9, 12);
            duty["title"] = "Báo cáo quý về chuyển đổi số";
            duty["target"] = new System.Text.Json.Nodes.JsonObject { ["entryIds"] = new System.Text.Json.Nodes.JsonArray(chosen.Select(c => (System.Text.Json.Nodes.JsonNode)c.ToString()).ToArray()) };
        });

        var schedule = await ScheduleOfAsync(flow.Clerk, planId);
        Assert.Equal("quarterly", schedule.GetProperty("frequency").GetString());
        Assert.Equal("Báo cáo quý về chuyển đổi số", schedule.GetProperty("title").GetString());
        var periods = schedule.GetProperty("periods").EnumerateArray().ToArray();
        Assert.Equal(["2026-03-10", "2026-06-10", "2026-09-10", "2026-12-10"], periods.Select(p => p.GetProperty("dueOn").GetString()));
        // The latest Nghị định 09/2019 quarter whose data ended before the due day.
        Assert.Equal(("2026-03-15", "2026-06-14"), (periods[2].GetProperty("cutOffFrom").GetString(), periods[2].GetProperty("cutOffTo").GetString()));
        var status = await flow.Clerk.GetFromJsonAsync<JsonElement>($"/api/reporting/schedules/{schedule.GetProperty("id")}/status");
        Assert.Equal(chosen.Length, status.GetProperty("schools").GetArrayLength());
        Assert.All(status.GetProperty("schools").EnumerateArray(), r => Assert.Contains("THCS", r.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_standalone_campaign_is_created_through_the_API_and_bad_input_is_refused_naming_the_field()
    {
        await using var app = new WorkflowsApp(clock: new FakeTimeProvider(Vn(2026, 4, 1, 8).ToUniversalTime()));
        var drafter = await app.SignInAsync("chuyenvien");
        var signer = await app.SignInAsync("truongphong");

        async Task<string?> FieldOf(object body)
        {
            var response = await drafter.PostAsJsonAsync("/api/reporting/schedules", body);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString();
        }
        Assert.Equal("title", await FieldOf(new { frequency = "monthly", dueDay = 5 }));
        Assert.Equal("frequency", await FieldOf(new { title = "Báo cáo", frequency = "weekly", dueDay = 5 }));
        Assert.Equal("frequency", await FieldOf(new { title = "Báo cáo", frequency = "unspecified" }));
        Assert.Equal("dueDay", await FieldOf(new { title = "Báo cáo", frequency = "monthly", dueDay = 40 }));
        Assert.Equal("months", await FieldOf(new { title = "Báo cáo", frequency = "half-yearly", dueDay = 5, months = new[] { 6, 6 } }));
        Assert.Equal("dueDate", await FieldOf(new { title = "Báo cáo", frequency = "once" }));
        Assert.Equal("endsOn", await FieldOf(new { title = "Báo cáo", frequency = "monthly", dueDay = 5, startsOn = "2026-05-01", endsOn = "2026-04-01" }));
        Assert.Equal("target", await FieldOf(new { title = "Báo cáo", frequency = "monthly", dueDay = 5, target = new { group = "Các trường không có" } }));
        Assert.Equal(HttpStatusCode.Forbidden, (await signer.PostAsJsonAsync("/api/reporting/schedules",
            new { title = "Báo cáo", frequency = "once", dueDate = "2026-05-20" })).StatusCode);

        var created = await drafter.PostAsJsonAsync("/api/reporting/schedules", new
        {
            title = "Báo cáo số liệu học sinh khuyết tật",
            frequency = "once",
            dueDate = "2026-05-02",
            cutOffTo = "2026-04-30",
            target = new { group = DemoDirectory.Schools },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var schedule = await created.Content.ReadFromJsonAsync<JsonElement>();
        var period = Assert.Single(schedule.GetProperty("periods").EnumerateArray());
        // 02/05/2026 is a Saturday after the 30/4 and 1/5 holidays: the deadline is the end of Monday 04/05/2026.
        Assert.Equal(Vn(2026, 5, 5, 0), period.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal("2026-04-30", period.GetProperty("cutOffTo").GetString());
        Assert.Null(schedule.GetProperty("planId").GetString());
        var list = (await drafter.GetFromJsonAsync<JsonElement[]>("/api/reporting/schedules"))!;
        Assert.Contains(list, s => s.GetProperty("id").GetGuid() == schedule.GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await drafter.GetAsync($"/api/reporting/schedules/{Guid.NewGuid()}/status")).StatusCode);
    }

    [Fact]
    public async Task A_plan_cannot_be_submitted_into_the_report_submission_workflow()
    {
        await using var app = new WorkflowsApp();
        var flow = await PlanFlow.StartAsync(app);
        var planId = await flow.CreateAsync("Kế hoạch thử quy trình sai loại");

        var response = await flow.Drafter.PostAsJsonAsync($"/api/plans/{planId}/submit", new { definitionId = "report-submission" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("definitionId", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Equal("draft", (await flow.PlanAsync(planId)).GetProperty("status").GetString());
    }
}
