using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Workflows.Calendar;
using Workflows.Distribution;
using Workflows.Kernel;
using Xunit.Abstractions;
using static Workflows.Testing.ReportingFlow;

namespace Workflows.IntegrationTests.Reporting;

/// <summary>
/// The reporting scheduler in real Host processes on one database, on real time (issue 5, cluster; issue 7, faults).
/// The schedules are standalone "once" reports whose dates are placed around today so that the steps under test are
/// due now: a period opened ten days ago with its deadline at the end of today's (or the next) working day has both
/// reminders due; a period moved back two weeks by SQL (the API refuses a period whose deadline has passed) has its
/// overdue notice and the leaders' summary due. Each node with a Hangfire server runs the catch-up job at its start and
/// every minute, and the step jobs at their instants.
/// </summary>
public sealed class ReportingProcessClusterTests(ITestOutputHelper output)
{
    private static readonly DateOnly Today = VietnamTime.ToVietnamDate(DateTimeOffset.UtcNow);

    private static Dictionary<string, string?> NodeSettings(int smtpPort, string instanceId, bool scheduler = true)
    {
        var settings = DistributionFlow.Settings(smtpPort);
        settings["Workflows:Scheduler:Enabled"] = scheduler ? "true" : "false";
        settings["Workflows:Scheduler:InstanceId"] = instanceId;
        settings["Workflows:Scheduler:HeartbeatSeconds"] = "2";
        settings["Workflows:Reporting:PublicBaseUrl"] = "https://baocao.uongbi.example.org";
        return settings;
    }

    private static async Task<Guid> CreateOnceAsync(HttpClient clerk, string title, DateOnly dueDate, int openDaysBeforeDue, string? group = null)
    {
        var response = await clerk.PostAsJsonAsync("/api/reporting/schedules", new
        {
            title, frequency = "once", dueDate = dueDate.ToString("yyyy-MM-dd"), openDaysBeforeDue,
            target = group is null ? null : new { group },
        });
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Moves the one period of a "once" schedule to the due day <paramref name="due"/>, opened ten days before it at 07:00.</summary>
    private static async Task PlaceAsync(string connectionString, Guid scheduleId, DateOnly due)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var move = new NpgsqlCommand(
            """
            UPDATE reporting_periods SET due_on = $2, deadline = $3, opens_at = $4, closes_at = $5, label = $6, period_key = $7
            WHERE schedule_id = $1 AND state = 'scheduled'
            """, connection);
        move.Parameters.Add(new NpgsqlParameter { Value = scheduleId });
        move.Parameters.Add(new NpgsqlParameter { Value = due });
        move.Parameters.Add(new NpgsqlParameter { Value = WorkingCalendar.EndOfDeadline(due).ToUniversalTime() });
        move.Parameters.Add(new NpgsqlParameter { Value = (VietnamTime.StartOfDay(due.AddDays(-10)) + TimeSpan.FromHours(7)).ToUniversalTime() });
        move.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.UtcNow.AddDays(10) });
        move.Parameters.Add(new NpgsqlParameter { Value = $"Báo cáo hạn {due:dd/MM/yyyy}" });
        move.Parameters.Add(new NpgsqlParameter { Value = due.ToString("yyyy-MM-dd") });
        Assert.Equal(1, await move.ExecuteNonQueryAsync());
    }

    private static async Task<string> DumpAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var text = new StringBuilder();
        foreach (var sql in new[]
                 {
                     "SELECT label || ' ' || state || ' opens ' || opens_at || ' due ' || due_on || ' deadline ' || deadline FROM reporting_periods",
                     "SELECT step || ' ' || count(*) || ' ' || CASE WHEN bool_and(request_id IS NULL) THEN 'period' ELSE 'requests' END FROM reporting_steps_done GROUP BY step, request_id IS NULL",
                     "SELECT category || ' ' || status || ' ' || count(*) FROM outgoing_messages GROUP BY category, status",
                     "SELECT now()::text",
                 })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) text.AppendLine(reader.GetString(0));
        }
        return text.ToString();
    }

    private static async Task WaitForMailAsync(TestSmtpServer smtp, Func<TestSmtpServer.Received, bool> which, int count, TimeSpan timeout, Func<string> diagnostics)
    {
        var until = DateTime.UtcNow + timeout;
        while (smtp.Messages().Count(which) < count)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Expected {count} messages, got {smtp.Messages().Count(which)}.\n{diagnostics()}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Two_Host_processes_with_the_scheduler_on_send_every_request_reminder_notice_and_summary_exactly_once()
    {
        using var smtp = new TestSmtpServer().Start();
        string connectionString;
        // Set-up on a node without the scheduler, so that nothing runs before the dates are in place.
        await using (var setup = await new HostProcess(settings: NodeSettings(smtp.Port, "setup", scheduler: false), name: "setup").StartAsync())
        {
            connectionString = setup.ConnectionString;
            var clerk = await setup.SignInAsync("vanthu");
            // A schedule created today starts its first period now (a reminder timed before that is skipped): both are
            // placed as if created on time, ten days before their due day, by SQL.
            // Due today (deadline at the end of today's or the next working day): opened, both reminders due, not yet overdue.
            await PlaceAsync(connectionString, await CreateOnceAsync(clerk, "Báo cáo thử kỳ đang mở", Today, openDaysBeforeDue: 10), Today);
            // Due two weeks ago: opened, past its deadline, overdue notice and leaders' summary due.
            await PlaceAsync(connectionString, await CreateOnceAsync(clerk, "Báo cáo thử kỳ đã qua hạn", Today, openDaysBeforeDue: 10), Today.AddDays(-14));
        }

        await using var a = new HostProcess(connectionString, NodeSettings(smtp.Port, "node-a"), name: "A");
        await using var b = new HostProcess(connectionString, NodeSettings(smtp.Port, "node-b"), name: "B");
        await Task.WhenAll(a.StartAsync(), b.StartAsync());

        var schools = Schools;
        var expected = 9 * 3 + 9 * 2 + Leaders.Length;
        await WaitForMailAsync(smtp, _ => true, expected, TimeSpan.FromSeconds(60), () => DumpAsync(connectionString).GetAwaiter().GetResult());
        // Both start-up catch-ups and the step jobs have run; wait for the next minute's catch-up too: nothing else may come.
        await WaitForCatchUpsAsync(connectionString, 3, TimeSpan.FromSeconds(90));
        await Task.Delay(2000);
        var mail = smtp.Messages();
        output.WriteLine(string.Join("\n", mail.GroupBy(m => m.Subject[..Math.Min(40, m.Subject.Length)]).Select(g => $"{g.Count(),3} {g.Key}")));

        Assert.Equal(expected, mail.Count);
        Assert.All(mail.GroupBy(m => (Assert.Single(m.To), m.Subject)), g => Assert.Single(g));
        IEnumerable<string> To(string subjectStart, string title) =>
            mail.Where(m => m.Subject.StartsWith(subjectStart, StringComparison.Ordinal) && m.Subject.Contains(title, StringComparison.Ordinal)).SelectMany(m => m.To).Order();
        Assert.Equal(schools.Order(), To("Đề nghị gửi báo cáo", "kỳ đang mở"));
        Assert.Equal(schools.Order(), To("Nhắc hạn: còn 3", "kỳ đang mở"));
        Assert.Equal(schools.Order(), To("Nhắc hạn: còn 1", "kỳ đang mở"));
        Assert.Equal(schools.Order(), To("Đề nghị gửi báo cáo", "kỳ đã qua hạn"));
        Assert.Equal(schools.Order(), To("Quá hạn gửi báo cáo", "kỳ đã qua hạn"));
        Assert.Empty(To("Nhắc hạn", "kỳ đã qua hạn")); // past the deadline: recorded without a message
        Assert.Equal(Leaders.Order(), To("Tổng hợp:", "kỳ đã qua hạn"));
        Assert.Empty(To("Quá hạn gửi báo cáo", "kỳ đang mở"));

        Assert.Equal(2L, await ScalarAsync<long>(connectionString,
            "SELECT count(*) FROM hangfire.server WHERE id LIKE 'node-a:%' OR id LIKE 'node-b:%'"));
        Assert.Equal(9L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM report_requests WHERE overdue_at IS NOT NULL"));
        Assert.Equal(0L, await ScalarAsync<long>(connectionString,
            "SELECT count(*) FROM (SELECT 1 FROM outgoing_messages WHERE category LIKE 'report%' GROUP BY dedup_key HAVING count(*) > 1) d"));
    }

    /// <summary>Waits until <paramref name="count"/> runs of the catch-up job have succeeded (read from Hangfire's jobs).</summary>
    private static async Task WaitForCatchUpsAsync(string connectionString, int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (await ScalarAsync<long>(connectionString,
                   "SELECT count(*) FROM hangfire.job WHERE statename = 'Succeeded' AND invocationdata::text LIKE '%ReportingCatchUpJob%'") < count)
        {
            Assert.True(DateTime.UtcNow < until, $"Fewer than {count} catch-up runs succeeded within {timeout.TotalSeconds:0} s.");
            await Task.Delay(500);
        }
    }

    private const string ThousandGroup = "Trường thử nghiệm 1000";

    private const int Thousand = 1000;

    /// <summary>
    /// The settings of a node whose database sessions carry <paramref name="instanceId"/> as their <c>application_name</c>,
    /// so that pg_stat_activity tells which process a backend serves.
    /// </summary>
    private static Dictionary<string, string?> NamedNodeSettings(int smtpPort, string connectionString, string instanceId)
    {
        var settings = NodeSettings(smtpPort, instanceId);
        settings["ConnectionStrings:Workflows"] = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = instanceId }.ConnectionString;
        return settings;
    }

    /// <summary>
    /// On a node without the scheduler: imports 1,000 schools (truong1…truong1000@cum.uongbi.example.org) into one group
    /// and creates a "once" report for them opened ten days ago and due in twenty, so that only its opening is due now.
    /// Returns the database.
    /// </summary>
    private static async Task<string> SetUpThousandSchoolsAsync(TestSmtpServer smtp)
    {
        await using var setup = await new HostProcess(settings: NodeSettings(smtp.Port, "setup", scheduler: false), name: "setup").StartAsync();
        var admin = await setup.SignInAsync("quantri");
        var csv = new StringBuilder("name,kind,email,groups,aliases\n");
        for (var i = 1; i <= Thousand; i++) csv.Append($"Trường Thử Số {i},school,truong{i}@cum.uongbi.example.org,{ThousandGroup},\n");
        var import = await admin.PostAsync("/api/directory/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        await CreateOnceAsync(await setup.SignInAsync("vanthu"), "Báo cáo thử 1000 trường", Today.AddDays(20), openDaysBeforeDue: 30, ThousandGroup);
        return setup.ConnectionString;
    }

    /// <summary>
    /// Locks the report requests against writes (<c>LOCK TABLE report_requests IN SHARE MODE</c>, in an open transaction of
    /// the test's own session). The opening locks its period row (its transaction then has an id), then writes its 1,000
    /// requests, step records and emails in one statement, which waits for the lock: a node stops exactly there, in the
    /// middle of its transaction, before the last batch that carries its audit record and COMMIT. (A node killed after
    /// sending that batch has committed: the server runs the COMMIT it received.)
    /// </summary>
    private static async Task<NpgsqlConnection> HoldRequestsAsync(string connectionString)
    {
        var chain = new NpgsqlConnection(connectionString);
        await chain.OpenAsync();
        await using var hold = new NpgsqlCommand("BEGIN; LOCK TABLE report_requests IN SHARE MODE", chain);
        await hold.ExecuteNonQueryAsync();
        return chain;
    }

    /// <summary>
    /// Waits (up to a minute) until one backend is blocked at that lock, writing the requests, inside a transaction that has an id
    /// (<c>backend_xid</c> set), and returns its <c>application_name</c>: the instance id of the node it serves.
    /// </summary>
    private static async Task<string> WaitUntilAnOpeningIsBlockedAsync(string connectionString, Func<string> diagnostics)
    {
        const string waiting =
            """
            SELECT coalesce(string_agg(application_name, ','), '') FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'relation'
              AND query LIKE '%INSERT INTO report_requests%' AND backend_xid IS NOT NULL
            """;
        var until = DateTime.UtcNow.AddSeconds(60);
        string blocked;
        while ((blocked = await ScalarAsync<string>(connectionString, waiting)).Length == 0)
        {
            Assert.True(DateTime.UtcNow < until, "No node reached the end of its opening transaction within 60 s:\n" + diagnostics());
            await Task.Delay(20);
        }
        Assert.False(blocked.Contains(',', StringComparison.Ordinal), $"More than one backend waits at the requests' lock: {blocked}");
        return blocked;
    }

    /// <summary>
    /// Releases the requests' lock and waits (up to 30 s) until the backend of the killed node
    /// <paramref name="killedInstanceId"/> is gone: it finds its client gone and rolls its transaction back.
    /// </summary>
    private static async Task ReleaseAndWaitForTheOrphanToRollBackAsync(NpgsqlConnection chain, string connectionString, string killedInstanceId)
    {
        await using (var release = new NpgsqlCommand("ROLLBACK", chain)) await release.ExecuteNonQueryAsync();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (await ScalarAsync<long>(connectionString,
                   "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 AND backend_xid IS NOT NULL",
                   killedInstanceId) > 0)
        {
            Assert.True(DateTime.UtcNow < until, $"The transaction of the killed node {killedInstanceId} is still there 30 s after the lock was released.");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Waits (up to three minutes) for the 1,000 request emails, waits 4 s more, then checks that each school
    /// received exactly one and has exactly one request row with a token of its own, that the period is open with one
    /// "period opened" audit record, and that the audit chain (checked through <paramref name="running"/>) is intact.
    /// </summary>
    private async Task AssertEachOfTheThousandSchoolsGotOneRequestAsync(TestSmtpServer smtp, string connectionString, HostProcess running)
    {
        bool Request(TestSmtpServer.Received m) => m.Subject.StartsWith("Đề nghị gửi báo cáo", StringComparison.Ordinal);
        await WaitForMailAsync(smtp, Request, Thousand, TimeSpan.FromSeconds(180),
            () => $"{running.Name}:\n{running.Output}\n{DumpAsync(connectionString).GetAwaiter().GetResult()}");
        await Task.Delay(4000); // the step jobs and catch-ups still running finish: nothing else may come

        var requests = smtp.Messages().Where(Request).ToList();
        output.WriteLine($"{requests.Count} request emails received");
        Assert.Equal(Thousand, requests.Count);
        var expected = Enumerable.Range(1, Thousand).Select(i => $"truong{i}@cum.uongbi.example.org").Order().ToList();
        Assert.Equal(expected, requests.Select(m => Assert.Single(m.To)).Order().ToList());
        Assert.Equal((long)Thousand, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM report_requests"));
        Assert.Equal((long)Thousand, await ScalarAsync<long>(connectionString, "SELECT count(DISTINCT entry_id) FROM report_requests"));
        Assert.Equal((long)Thousand, await ScalarAsync<long>(connectionString, "SELECT count(DISTINCT token_hash) FROM report_requests"));
        Assert.Equal("open", await ScalarAsync<string>(connectionString, "SELECT state FROM reporting_periods"));
        Assert.Equal(1L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM audit_log WHERE action = 'reporting.period-opened'"));
        var audit = await (await running.SignInAsync("vanthu")).GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(audit.GetProperty("intact").GetBoolean(), $"The audit chain is broken: {audit}");
    }

    [Fact]
    public async Task A_Host_killed_with_SIGKILL_in_the_middle_of_opening_a_period_for_1000_schools_leaves_nothing_and_after_restart_each_school_gets_one_request()
    {
        using var smtp = new TestSmtpServer().Start();
        var connectionString = await SetUpThousandSchoolsAsync(smtp);
        await using var chain = await HoldRequestsAsync(connectionString);

        await using var node = new HostProcess(connectionString, NamedNodeSettings(smtp.Port, connectionString, "node-k"), name: "killed");
        await node.StartAsync();
        Assert.Equal("node-k", await WaitUntilAnOpeningIsBlockedAsync(connectionString, () => node.Output));
        await node.KillAsync();
        Assert.Equal(0L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM report_requests")); // nothing committed

        // The lock goes; the dead node's backend finds its client gone and rolls back: not one row of the half-done opening stays.
        await ReleaseAndWaitForTheOrphanToRollBackAsync(chain, connectionString, "node-k");
        Assert.Equal(0L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM report_requests"));
        Assert.Equal(0L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM outgoing_messages WHERE category = 'report-request'"));
        Assert.Equal("scheduled", await ScalarAsync<string>(connectionString, "SELECT state FROM reporting_periods"));
        Assert.Empty(smtp.Messages());

        await node.StartAsync(); // the same node again: its catch-up at start-up opens the period
        await AssertEachOfTheThousandSchoolsGotOneRequestAsync(smtp, connectionString, node);
    }

    [Fact]
    public async Task Of_two_Host_processes_the_one_killed_with_SIGKILL_in_the_middle_of_opening_a_period_for_1000_schools_leaves_it_to_the_other_which_sends_each_school_one_request()
    {
        using var smtp = new TestSmtpServer().Start();
        var connectionString = await SetUpThousandSchoolsAsync(smtp);
        await using var chain = await HoldRequestsAsync(connectionString);

        // Both nodes run a Hangfire server and a catch-up at start-up; the period's row lock lets one of them open the period
        // (it stops at the requests' lock), the other skips it. Which one is found by its backend's application_name.
        await using var a = new HostProcess(connectionString, NamedNodeSettings(smtp.Port, connectionString, "node-a"), name: "A");
        await using var b = new HostProcess(connectionString, NamedNodeSettings(smtp.Port, connectionString, "node-b"), name: "B");
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        var blocked = await WaitUntilAnOpeningIsBlockedAsync(connectionString, () => $"A:\n{a.Output}\nB:\n{b.Output}");
        var (killed, survivor) = blocked switch
        {
            "node-a" => (a, b),
            "node-b" => (b, a),
            _ => throw new InvalidOperationException($"The blocked backend belongs to no node: '{blocked}'"),
        };
        output.WriteLine($"{killed.Name} was stopped at the requests' lock and is killed; {survivor.Name} goes on.");
        await killed.KillAsync();
        // While the lock is held no opening can write its requests, so none can commit: nothing is there yet.
        Assert.Equal(0L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM report_requests"));
        Assert.Equal(0L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM outgoing_messages WHERE category = 'report-request'"));
        Assert.Empty(smtp.Messages());

        await ReleaseAndWaitForTheOrphanToRollBackAsync(chain, connectionString, blocked);
        // The survivor's next catch-up (every minute) finds the period still scheduled and opens it. No restart of anything.
        await AssertEachOfTheThousandSchoolsGotOneRequestAsync(smtp, connectionString, survivor);
        Assert.Null(killed.ProcessId);
        Assert.NotNull(survivor.ProcessId);
        // The survivor's watchdog removes the dead server once its heartbeats (every 2 s) have stopped for 20 s.
        var until = DateTime.UtcNow.AddSeconds(60);
        while (await ScalarAsync<long>(connectionString, "SELECT count(*) FROM hangfire.server WHERE id LIKE $1 || ':%'", blocked) > 0)
        {
            Assert.True(DateTime.UtcNow < until, $"The dead node {blocked} is still among the Hangfire servers 60 s after its death.");
            await Task.Delay(500);
        }
        Assert.Equal(1L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM hangfire.server WHERE id LIKE $1 || ':%'",
            blocked == "node-a" ? "node-b" : "node-a"));
    }
}
