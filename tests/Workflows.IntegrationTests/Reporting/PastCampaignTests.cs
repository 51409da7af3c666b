using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static Workflows.Testing.ReportingFlow;

namespace Workflows.IntegrationTests.Reporting;

/// <summary>
/// A campaign whose due date has passed is refused naming the field, instead of being accepted and silently ending
/// with no period; asked explicitly, the past period is recorded (closed) and nobody is asked.
/// </summary>
public sealed class PastCampaignTests : IAsyncLifetime
{
    private readonly WorkflowsApp _app = new(clock: new FakeTimeProvider(Vn(2026, 4, 1, 8).ToUniversalTime()));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_campaign_due_01_01_2020_is_refused_with_422_naming_dueDate_and_nothing_is_stored()
    {
        var drafter = await _app.SignInAsync("chuyenvien");

        var response = await drafter.PostAsJsonAsync("/api/reporting/schedules",
            new { title = "Báo cáo đã quá hạn", frequency = "once", dueDate = "2020-01-01" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("dueDate", problem.GetProperty("field").GetString());
        Assert.Contains("Hạn nộp đã qua (01/01/2020)", problem.GetProperty("title").GetString());
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM reporting_schedules"));
    }

    [Fact]
    public async Task A_monthly_campaign_whose_every_due_day_has_passed_is_refused_naming_endsOn()
    {
        var drafter = await _app.SignInAsync("chuyenvien");

        var response = await drafter.PostAsJsonAsync("/api/reporting/schedules",
            new { title = "Báo cáo tháng năm 2025", frequency = "monthly", dueDay = 5, startsOn = "2025-01-01", endsOn = "2025-12-31" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("endsOn", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Asked_explicitly_a_past_period_is_recorded_closed_and_no_school_is_asked()
    {
        var drafter = await _app.SignInAsync("chuyenvien");

        var response = await drafter.PostAsJsonAsync("/api/reporting/schedules",
            new { title = "Báo cáo năm học 2018-2019", frequency = "once", dueDate = "2020-01-01", recordPastPeriods = true });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var schedule = await response.Content.ReadFromJsonAsync<JsonElement>();
        var period = Assert.Single(schedule.GetProperty("periods").EnumerateArray());
        Assert.Equal("2020-01-01", period.GetProperty("dueOn").GetString());
        Assert.Equal("closed", period.GetProperty("state").GetString());
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM report_requests"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM outgoing_messages"));
    }

    [Fact]
    public async Task The_campaign_page_shows_the_refusal_next_to_the_due_date()
    {
        var drafter = await _app.SignInAsync("chuyenvien");
        var form = await drafter.GetStringAsync("/bao-cao/tao-dot");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        var page = await drafter.PostAsync("/bao-cao/tao-dot", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Form.Title"] = "Báo cáo đã quá hạn", ["Form.Frequency"] = "once",
            ["Form.DueDate"] = "01/01/2020", ["Form.StartsOn"] = "01/01/2020", ["Form.EndsOn"] = "31/12/2020",
        }));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Matches("data-valmsg-for=\"Form.DueDate\"[^>]*>Hạn nộp đã qua \\(01/01/2020\\)", html);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM reporting_schedules"));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
