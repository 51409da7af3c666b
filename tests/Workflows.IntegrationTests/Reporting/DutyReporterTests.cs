using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Workflows.Distribution;
using static Workflows.Testing.ReportingFlow;

namespace Workflows.IntegrationTests.Reporting;

/// <summary>
/// A duty's reporter decides who is asked: resolved against the directory as a Nơi nhận line is; a duty of the
/// office's own unit becomes reminders for that unit and asks no school; a reporter the directory does not know
/// blocks the release naming the duty; the clerk's panel shows who will be asked, how often, and which periods are past.
/// </summary>
public sealed class DutyReporterTests
{
    [Fact]
    public async Task The_office_units_own_monthly_duty_in_plan_95_asks_no_school_and_becomes_reminders_for_that_unit()
    {
        await using var app = new WorkflowsApp(clock: new FakeTimeProvider(Vn(2026, 1, 2, 8).ToUniversalTime()));
        var flow = await PlanFlow.StartAsync(app);
        var planId = await flow.UploadAsync(RepositoryPaths.Plan("uongbi-2023-95-KH-PGDDT.txt"));
        await DistributionFlow.ToClerkAsync(flow, planId);

        // Before release the clerk sees who the duty binds: the office's own unit, not the schools.
        var check = Assert.Single((await flow.Clerk.GetFromJsonAsync<JsonElement[]>($"/api/reporting/plans/{planId}/duties"))!);
        Assert.Equal("ready", check.GetProperty("state").GetString());
        Assert.Equal("Bộ phận thi đua, tổng hợp", check.GetProperty("reporter").GetString());
        Assert.Equal("internal", check.GetProperty("audience").GetString());
        Assert.Equal(["Tổ Thi đua – Tổng hợp"], check.GetProperty("asked").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("monthly", check.GetProperty("frequency").GetString());
        Assert.Equal(12, check.GetProperty("periods").GetArrayLength());
        Assert.Empty(check.GetProperty("pastPeriods").EnumerateArray());
        var page = WebUtility.HtmlDecode(await flow.Clerk.GetStringAsync($"/ke-hoach/{planId}"));
        Assert.Contains("nhắc việc 1 nơi (Tổ Thi đua – Tổng hợp); không gửi yêu cầu báo cáo cho trường nào", page);

        Assert.True((await DistributionFlow.ClerkApproveAsync(flow, planId)).IsSuccessStatusCode);

        Assert.Empty((await flow.Clerk.GetFromJsonAsync<JsonElement[]>($"/api/reporting/plans/{planId}/schedules"))!);
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM report_requests"));
        var schools = DemoDirectory.SchoolList.Select(s => s.Email).ToArray();
        Assert.Equal(0L, await ScalarAsync(connection,
            "SELECT count(*) FROM outgoing_messages WHERE category <> 'release' AND address = ANY(@schools)", new("schools", schools)));
        var reminders = await ListAsync(connection,
            "SELECT address || ' ' || to_char(next_attempt_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI') FROM outgoing_messages WHERE plan_id = @p AND category = 'duty-reminder' ORDER BY next_attempt_at",
            new("p", planId));
        Assert.Equal(12, reminders.Count);
        Assert.All(reminders, r => Assert.StartsWith("to-tdth@uongbi.example.org ", r));
        Assert.Equal("to-tdth@uongbi.example.org 2026-01-05 07:00", reminders[0]); // 10 days before 15 January, at the opening time
        var audit = await ListAsync(connection, "SELECT data::text FROM audit_log WHERE plan_id = @p AND action = 'reporting.activated'", new("p", planId));
        Assert.Contains("\"kind\": \"internal\"", Assert.Single(audit));
    }

    [Fact]
    public async Task A_reporter_the_directory_does_not_know_blocks_the_release_with_422_naming_the_duty_until_the_clerk_picks_the_unit()
    {
        await using var app = new WorkflowsApp(clock: new FakeTimeProvider(Vn(2026, 1, 2, 8).ToUniversalTime()));
        var flow = await PlanFlow.StartAsync(app);
        var planId = await flow.UploadAsync(RepositoryPaths.Plan("uongbi-2023-95-KH-PGDDT.txt"));
        await SetDutyAsync(flow, planId, duty => duty["reporter"] = "Bộ phận pháp chế");
        await DistributionFlow.ToClerkAsync(flow, planId);

        var check = Assert.Single((await flow.Clerk.GetFromJsonAsync<JsonElement[]>($"/api/reporting/plans/{planId}/duties"))!);
        Assert.Equal("incomplete", check.GetProperty("state").GetString());
        Assert.Equal("reportingDuties[0].reporter", check.GetProperty("field").GetString());
        var response = await DistributionFlow.ClerkApproveAsync(flow, planId);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("reportingDuties[0].reporter", problem.GetProperty("field").GetString());
        Assert.Contains("Nhiệm vụ báo cáo 1 (“Trước ngày 15 hằng tháng", problem.GetProperty("title").GetString());
        Assert.Contains("\"Bộ phận pháp chế\" không có trong danh bạ", problem.GetProperty("title").GetString());
        Assert.Equal("signed", (await flow.PlanAsync(planId)).GetProperty("status").GetString());

        var unit = (await flow.Clerk.GetFromJsonAsync<JsonElement[]>("/api/directory?kind=unit"))!.Single(e => e.GetProperty("name").GetString() == "Tổ Thi đua – Tổng hợp");
        // On the plan page the clerk finds the unit by searching the directory (as for a Nơi nhận line), the whole directory never listed;
        // the pick's radio buttons belong to the duty's form.
        var page = WebUtility.HtmlDecode(await flow.Clerk.GetStringAsync($"/ke-hoach/{planId}"));
        Assert.Contains("Đơn vị báo cáo (“Bộ phận pháp chế”)", page);
        Assert.DoesNotContain("data-testid=\"muc-danh-ba\"", page);
        var found = WebUtility.HtmlDecode(await flow.Clerk.GetStringAsync($"/ke-hoach/{planId}?chon=nv-0&tim=thi+dua"));
        Assert.Matches($"type=\"radio\" id=\"[^\"]+\" name=\"reporterEntryId\" value=\"{unit.GetProperty("id").GetGuid()}\" form=\"nv-0-form\"", found);
        Assert.Contains("id=\"nv-0-form\"", found);
        var picked = await flow.Clerk.PutAsJsonAsync($"/api/reporting/plans/{planId}/duties/0",
            new { frequency = "monthly", dueDay = 15, target = new { entryIds = new[] { unit.GetProperty("id").GetGuid() } } });
        Assert.Equal(HttpStatusCode.OK, picked.StatusCode);
        Assert.Equal("internal", (await picked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("audience").GetString());
        Assert.True((await DistributionFlow.ClerkApproveAsync(flow, planId)).IsSuccessStatusCode);
        Assert.Empty((await flow.Clerk.GetFromJsonAsync<JsonElement[]>($"/api/reporting/plans/{planId}/schedules"))!);
    }

    [Fact]
    public async Task A_duty_of_the_schools_group_asks_each_school_and_the_panel_names_them_and_the_periods_already_past()
    {
        await using var app = new WorkflowsApp(clock: new FakeTimeProvider(Vn(2026, 3, 20, 8).ToUniversalTime()));
        var flow = await PlanFlow.StartAsync(app);
        var planId = await flow.UploadAsync(RepositoryPaths.Plan("uongbi-2023-95-KH-PGDDT.txt"));
        await SetDutyAsync(flow, planId, duty => duty["reporter"] = "Các trường học trực thuộc");
        await DistributionFlow.ToClerkAsync(flow, planId);

        var check = Assert.Single((await flow.Clerk.GetFromJsonAsync<JsonElement[]>($"/api/reporting/plans/{planId}/duties"))!);
        Assert.Equal("requests", check.GetProperty("audience").GetString());
        Assert.Equal(DemoDirectory.SchoolList.Select(s => s.Name).Order(StringComparer.Ordinal),
            check.GetProperty("asked").EnumerateArray().Select(a => a.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(["2026-01-15", "2026-02-15", "2026-03-15"], check.GetProperty("pastPeriods").EnumerateArray().Select(p => p.GetProperty("dueOn").GetString()));
        var page = WebUtility.HtmlDecode(await flow.Clerk.GetStringAsync($"/ke-hoach/{planId}"));
        Assert.Contains("Đề nghị báo cáo gửi 9 đơn vị: ", page);
        Assert.Contains("Hằng tháng · 9 kỳ sẽ lập", page);
        Assert.Contains("Đã quá hạn, không lập: Tháng 1/2026", page);

        Assert.True((await DistributionFlow.ClerkApproveAsync(flow, planId)).IsSuccessStatusCode);
        var schedule = await ScheduleOfAsync(flow.Clerk, planId);
        Assert.Equal(9, schedule.GetProperty("periods").GetArrayLength());
        Assert.Equal("2026-04-15", schedule.GetProperty("periods")[0].GetProperty("dueOn").GetString());
    }

    [Fact]
    public async Task In_the_Ba_Che_plan_the_office_itself_reports_to_its_leaders_and_the_districts_schools_are_asked()
    {
        await using var app = new WorkflowsApp(clock: new FakeTimeProvider(Vn(2026, 1, 2, 8).ToUniversalTime()));
        var flow = await PlanFlow.StartAsync(app);
        var planId = await flow.UploadAsync(RepositoryPaths.Plan("bache-2021-ke-hoach-hanh-dong.txt"));
        foreach (var index in new[] { 0, 1 })
        {
            var completed = await flow.Drafter.PutAsJsonAsync($"/api/reporting/plans/{planId}/duties/{index}", new { frequency = "yearly", dueDay = 20 });
            Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        }

        var checks = (await flow.Drafter.GetFromJsonAsync<JsonElement[]>($"/api/reporting/plans/{planId}/duties"))!;

        Assert.Equal("Phòng GD&ĐT", checks[0].GetProperty("reporter").GetString());
        Assert.Equal("internal", checks[0].GetProperty("audience").GetString());
        Assert.Equal(DemoDirectory.Leaders.Select(l => l.Name).Order(StringComparer.Ordinal),
            checks[0].GetProperty("asked").EnumerateArray().Select(a => a.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal("Các cơ sở giáo dục thuộc huyện", checks[1].GetProperty("reporter").GetString());
        Assert.Equal("requests", checks[1].GetProperty("audience").GetString());
        Assert.Equal("Trường PTDTBT TH&THCS Đạp Thanh; Trường TH&THCS Thanh Sơn",
            string.Join("; ", checks[1].GetProperty("asked").EnumerateArray().Select(a => a.GetString()!).Order(StringComparer.Ordinal)));
    }

    private static async Task SetDutyAsync(PlanFlow flow, Guid planId, Action<JsonObject> change)
    {
        var fields = JsonNode.Parse((await flow.PlanAsync(planId)).GetProperty("fields").GetRawText())!.AsObject();
        change(fields["reportingDuties"]![0]!.AsObject());
        var response = await flow.Drafter.PutAsJsonAsync($"/api/plans/{planId}", new { fields });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, NpgsqlParameter? parameter = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null) command.Parameters.Add(parameter);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql, NpgsqlParameter parameter)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(parameter);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
