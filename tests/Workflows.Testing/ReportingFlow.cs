using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Hangfire;
using Workflows.Calendar;
using Workflows.Distribution;
using Workflows.Host.Reporting;

namespace Workflows.Testing;

/// <summary>Helpers of the reporting tests: settings, releasing the 2023 plan, running the catch-up job, reading mail and marking submissions.</summary>
internal static class ReportingFlow
{
    public static readonly VietnamWorkingCalendar WorkingCalendar = VietnamWorkingCalendar.WithShippedYears();

    public static string[] Schools => DemoDirectory.SchoolList.Select(s => s.Email).ToArray();

    public static string[] Leaders => DemoDirectory.Leaders.Select(s => s.Email).ToArray();

    /// <summary>
    /// SMTP delivery to <paramref name="smtpPort"/>, a node id, heartbeats every 2 s. The catch-up job also runs by itself
    /// every minute and the step jobs at their (real) instants, at the test's clock: each does only what is due then,
    /// once, so the tests' own runs (<see cref="RunCycleAsync"/>) see the same result.
    /// </summary>
    public static Dictionary<string, string?> Settings(int smtpPort, string instanceId = "node-1")
    {
        var settings = DistributionFlow.Settings(smtpPort);
        settings["Workflows:Scheduler:InstanceId"] = instanceId;
        settings["Workflows:Scheduler:HeartbeatSeconds"] = "2";
        settings["Workflows:Reporting:PublicBaseUrl"] = "https://baocao.uongbi.example.org";
        return settings;
    }

    /// <summary>A Vietnam local time as an instant.</summary>
    public static DateTimeOffset Vn(int year, int month, int day, int hour = 7, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    /// <summary>
    /// Uploads uongbi-2023-95 (its monthly duty "Trước ngày 15 hằng tháng"), gives the duty to the schools' group as the
    /// drafter's explicit target (the plan's own reporter, "Bộ phận thi đua, tổng hợp", is the office's unit, which would
    /// ask no school), lets <paramref name="completeDuty"/> change it further, and releases it.
    /// </summary>
    public static async Task<Guid> ReleasePlan95Async(PlanFlow flow, Action<JsonObject>? completeDuty = null)
    {
        var planId = await flow.UploadAsync(RepositoryPaths.Plan("uongbi-2023-95-KH-PGDDT.txt"));
        var fields = JsonNode.Parse((await flow.PlanAsync(planId)).GetProperty("fields").GetRawText())!.AsObject();
        var duty = fields["reportingDuties"]![0]!.AsObject();
        duty["target"] = new JsonObject { ["group"] = DemoDirectory.Schools };
        completeDuty?.Invoke(duty);
        var response = await flow.Drafter.PutAsJsonAsync($"/api/plans/{planId}", new { fields });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await flow.ReleaseAsync(planId);
        return planId;
    }

    /// <summary>Triggers the recurring catch-up job through Hangfire and waits until a run started after the trigger has completed on one of the nodes.</summary>
    public static async Task RunCycleAsync(params WorkflowsApp[] nodes)
    {
        var monitors = nodes.Select(n => n.Services.GetRequiredService<ReportingCycleMonitor>()).ToArray();
        var before = monitors.Select(m => m.Started).ToArray();
        nodes[0].Services.GetRequiredService<IRecurringJobManager>().Trigger(ReportingCatchUpJob.RecurringId);
        await WaitForRunAsync(monitors, before, nodes[0].ConnectionString);
    }

    /// <summary>Waits (up to 90 s) until a run numbered above <paramref name="before"/> has completed on one of the nodes, then checks that none failed.</summary>
    public static async Task WaitForRunAsync(ReportingCycleMonitor[] monitors, long[] before, string? connectionString = null)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (!monitors.Where((m, i) => m.Completed > before[i]).Any())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The reporting job did not run.\n" + (connectionString is null ? "" : await JobsAsync(connectionString)));
            await Task.Delay(50);
        }
        foreach (var m in monitors) Assert.Null(m.LastError);
    }

    /// <summary>The latest Hangfire jobs with their states, for a timeout's message.</summary>
    private static async Task<string> JobsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT string_agg(j.id || ' ' || j.statename || ' ' || (j.invocationdata::jsonb ->> 'Type') || ' ' || (j.invocationdata::jsonb ->> 'Method')
                              || ' ' || coalesce(s.reason, '') || ' ' || coalesce(s.data::text, ''), E'\n' ORDER BY j.statename = 'Processing' DESC, j.id DESC)
            FROM (SELECT * FROM hangfire.job ORDER BY statename = 'Processing' DESC, id DESC LIMIT 30) j LEFT JOIN hangfire.state s ON s.id = j.stateid
            """, connection);
        var jobs = (await command.ExecuteScalarAsync()) as string ?? "no jobs";
        await using var more = new NpgsqlCommand(
            """
            SELECT 'queue: ' || coalesce((SELECT string_agg(jobid || ' ' || queue || ' fetched ' || coalesce(fetchedat::text, '-'), '; ') FROM hangfire.jobqueue), '')
                || E'\nlocks: ' || coalesce((SELECT string_agg(resource || ' ' || acquired::text, '; ') FROM hangfire.lock), '')
                || E'\nservers: ' || coalesce((SELECT string_agg(id || ' ' || lastheartbeat::text || ' ' || data::text, '; ') FROM hangfire.server), '')
                || E'\nnow: ' || now()::text
            """, connection);
        return jobs + "\n" + await more.ExecuteScalarAsync();
    }

    /// <summary>The reporting messages the SMTP server received (requests, reminders, notices, summaries; not the plan's release).</summary>
    public static IReadOnlyList<TestSmtpServer.Received> ReportingMail(TestSmtpServer smtp) =>
        smtp.Messages().Where(m => new[] { "Đề nghị gửi báo cáo", "Nhắc hạn", "Quá hạn gửi báo cáo", "Tổng hợp:" }
            .Any(p => m.Subject.StartsWith(p, StringComparison.Ordinal))).ToList();

    /// <summary>Waits until the SMTP server holds at least <paramref name="count"/> reporting messages, then a little longer for strays.</summary>
    public static async Task<IReadOnlyList<TestSmtpServer.Received>> MailAsync(TestSmtpServer smtp, int count)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (ReportingMail(smtp).Count < count)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Expected {count} messages, got {ReportingMail(smtp).Count}.");
            await Task.Delay(100);
        }
        await Task.Delay(600);
        return ReportingMail(smtp);
    }

    /// <summary>What the submission side will do: records a school's submission of one period at <paramref name="at"/>, late or not.</summary>
    public static async Task SubmitAsync(WorkflowsApp app, string schoolEmail, string periodKey, DateTimeOffset at)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            UPDATE report_requests r SET first_submitted_at = coalesce(r.first_submitted_at, $3), last_submitted_at = $3,
                   submitted_late = coalesce(r.submitted_late, $3 >= p.deadline)
            FROM reporting_periods p WHERE p.id = r.period_id AND r.address = $1 AND p.period_key = $2
            """, connection);
        command.Parameters.AddWithValue(schoolEmail);
        command.Parameters.AddWithValue(periodKey);
        command.Parameters.AddWithValue(at.ToUniversalTime());
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    public static async Task<T> ScalarAsync<T>(WorkflowsApp app, string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The plan's one schedule with its periods.</summary>
    public static async Task<JsonElement> ScheduleOfAsync(HttpClient client, Guid planId)
    {
        var schedules = await client.GetFromJsonAsync<JsonElement[]>($"/api/reporting/plans/{planId}/schedules");
        var id = Assert.Single(schedules!).GetProperty("id").GetGuid();
        return await client.GetFromJsonAsync<JsonElement>($"/api/reporting/schedules/{id}");
    }

    /// <summary>When each step of a period runs (Vietnam 07:00 of the working day so many working days from the deadline's last day).</summary>
    public static DateTimeOffset StepTime(JsonElement period, int workingDays)
    {
        var lastDay = DateOnly.FromDateTime(period.GetProperty("deadline").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(7)).AddTicks(-1).DateTime);
        var day = WorkingCalendar.AddWorkingDays(lastDay, workingDays);
        return Vn(day.Year, day.Month, day.Day);
    }
}
