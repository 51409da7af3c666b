using System.Diagnostics;
using Dapper;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflows.Benchmarks.Infrastructure;
using Workflows.Reporting;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>
/// 100,000 open requests passing their deadline until every overdue notice and the leaders' summary are queued in the
/// outbox (issue 15's goal: under 5 s median). The requests of one period are written set-based (as the opening writes
/// them: one request per school with a token hash, its per-request step record, the period open), then, on Hangfire,
/// the period's <c>overdue</c> step job is enqueued and the clock stops when it has succeeded: a worker fetches it and
/// runs the period's due steps at the real now, after the overdue notice and the summary are due (the two reminders,
/// past the deadline, are recorded without a message). The outbox sender is off: this measures queueing, not sending. Between runs the
/// period is put back (notices deleted, requests not overdue, steps undone) and the tables vacuumed, outside the clock.
/// </summary>
internal sealed class ReportingOverdueScenario : IScenario
{
    private const string Group = "Nhóm trường thử tải quá hạn";

    public string Name => "reporting-overdue";

    public string Description => "100,000 open requests passing their deadline until every overdue notice and the summary are queued";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchContext context, IList<string> notes, CancellationToken cancellationToken)
    {
        var requests = context.Options.Quick ? 10_000 : 100_000;
        var (warmups, runs) = context.Options.Quick ? (1, 2) : (1, 5);
        await using var host = context.CreateHost("reporting_overdue", ReportingSetup.WithoutScheduler(new()
        {
            ["Workflows:Distribution:SenderEnabled"] = "false",
        }));
        var services = host.Services;
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var seedWatch = Stopwatch.StartNew();
        await ReportingSetup.SeedGroupAsync(dataSource, Group, requests, cancellationToken);
        var (schedule, period) = await ReportingSetup.CreateScheduleAsync(services, "Báo cáo thử tải quá hạn", Group, cancellationToken);
        ReportingSetup.ForgetJobs(services, period);
        await SeedRequestsAsync(dataSource, schedule, period, cancellationToken);
        using var server = ReportingSetup.StartJobServer(services);
        var client = services.GetRequiredService<IBackgroundJobClient>();
        var storage = services.GetRequiredService<JobStorage>();
        BenchContext.Log($"reporting-overdue: {requests:N0} requests seeded in {seedWatch.Elapsed.TotalSeconds:F1} s");
        using var listener = NpgsqlCommands.Listen();
        var cpu = context.Postgres.Cpu();
        List<double> seconds = [], rates = [], commands = [], hostCpu = [], postgresCpu = [];
        var leaders = 0;
        for (var run = 0; run < warmups + runs; run++)
        {
            await ResetAsync(dataSource, period, cancellationToken);
            var commandsBefore = NpgsqlCommands.Count;
            var cpuBefore = cpu.Read();
            var start = Stopwatch.GetTimestamp();
            var job = client.Enqueue<Workflows.Host.Reporting.ReportingStepJob>(j => j.RunAsync(period, "overdue", null, CancellationToken.None));
            await WaitForSuccessAsync(storage, job, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var cpuAfter = cpu.Read();
            var used = NpgsqlCommands.Count - commandsBefore;
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            {
                var counts = await connection.QuerySingleAsync<(long Notices, long Summaries, long Overdue)>(new CommandDefinition(
                    """
                    SELECT (SELECT count(*) FROM outgoing_messages WHERE category = 'overdue' AND status = 'queued'),
                           (SELECT count(*) FROM outgoing_messages WHERE category = 'summary' AND status = 'queued'),
                           (SELECT count(*) FROM report_requests WHERE period_id = @period AND overdue_at IS NOT NULL)
                    """, new { period }, cancellationToken: cancellationToken));
                if (counts.Notices != requests || counts.Overdue != requests || counts.Summaries == 0)
                    throw new InvalidOperationException($"Run {run + 1}: {counts.Notices} notices, {counts.Overdue} requests overdue, {counts.Summaries} summaries; expected {requests:N0} and at least one summary.");
                leaders = (int)counts.Summaries;
            }
            if (run < warmups) continue;
            seconds.Add(elapsed);
            rates.Add(requests / elapsed);
            commands.Add(used);
            hostCpu.Add(cpuAfter.Host - cpuBefore.Host);
            postgresCpu.Add(cpuAfter.Postgres - cpuBefore.Postgres);
        }
        BenchContext.Log($"reporting-overdue, {requests:N0} requests: {seconds.Order().ElementAt(seconds.Count / 2):F1} s");
        notes.Add($"{warmups} warm-up run and {runs} measured runs over the same period, put back between runs; {requests:N0} overdue notices "
            + $"and {leaders} leaders' summaries (each listing every overdue school) per run; outbox sender off; "
            + "timed from enqueuing the step's Hangfire job to its Succeeded state");
        var label = $"{requests:N0} requests";
        return
        [
            Measurement.Of($"deadline passed for {label} until every notice is queued (Hangfire job)", "s", seconds, "< 5 s"),
            Measurement.Of($"notices queued/s, {label}", "/s", rates, higherIsBetter: true) with { ComparableToPgbench = false },
            Measurement.Of("round trips for the whole step (Npgsql commands and batches: Hangfire's, and the benchmark's look at the job's state every 10 ms)", "n", commands),
            Measurement.Of("CPU for the whole step, this process", "ms", hostCpu),
            Measurement.Of("CPU for the whole step, PostgreSQL", "ms", postgresCpu),
        ];
    }

    /// <summary>Waits until Hangfire job <paramref name="jobId"/> has succeeded; a failed or deleted job stops the benchmark.</summary>
    internal static async Task WaitForSuccessAsync(JobStorage storage, string jobId, CancellationToken cancellationToken)
    {
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 600;
        while (true)
        {
            using (var connection = storage.GetConnection())
            {
                var state = connection.GetStateData(jobId)?.Name;
                if (state == Hangfire.States.SucceededState.StateName) return;
                if (state == Hangfire.States.FailedState.StateName || state == Hangfire.States.DeletedState.StateName)
                    throw new InvalidOperationException($"Hangfire job {jobId} is {state}.");
            }
            if (Stopwatch.GetTimestamp() > until) throw new TimeoutException($"Hangfire job {jobId} did not succeed within 10 minutes.");
            await Task.Delay(10, cancellationToken);
        }
    }

    /// <summary>The period opened as <see cref="ReportingCycle"/> opens it, without its emails: requests, step records, state.</summary>
    private static async Task SeedRequestsAsync(NpgsqlDataSource dataSource, Guid schedule, Guid period, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO report_requests (id, period_id, schedule_id, entry_id, school_name, address, token_hash, requested_at)
            SELECT gen_random_uuid(), @period, @schedule, e.id, e.name, e.email, sha256(convert_to(gen_random_uuid()::text, 'UTF8')), @opening
            FROM reporting_schedules s
            JOIN directory_members m ON m.group_id = (s.target ->> 'groupId')::uuid
            JOIN directory_entries e ON e.id = m.member_id
            WHERE s.id = @schedule;
            INSERT INTO reporting_steps_done (period_id, request_id, step, done_at)
            SELECT @period, id, 'request', @opening FROM report_requests WHERE period_id = @period
            UNION ALL SELECT @period, NULL, 'request', @opening;
            UPDATE reporting_periods SET state = 'open' WHERE id = @period;
            """, new { period, schedule, opening = ReportingSetup.Opening }, commandTimeout: 600, cancellationToken: cancellationToken));
        foreach (var table in new[] { "report_requests", "reporting_steps_done" })
            await connection.ExecuteAsync(new CommandDefinition($"VACUUM ANALYZE {table}", commandTimeout: 600, cancellationToken: cancellationToken));
    }

    /// <summary>Puts the period back as it was before its deadline passed (outside the clock).</summary>
    private static async Task ResetAsync(NpgsqlDataSource dataSource, Guid period, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM outgoing_messages;
            UPDATE report_requests SET overdue_at = NULL WHERE period_id = @period AND overdue_at IS NOT NULL;
            DELETE FROM reporting_steps_done WHERE period_id = @period AND step <> 'request';
            UPDATE reporting_periods SET state = 'open' WHERE id = @period;
            """, new { period }, commandTimeout: 600, cancellationToken: cancellationToken));
        foreach (var table in new[] { "outgoing_messages", "report_requests", "reporting_steps_done" })
            await connection.ExecuteAsync(new CommandDefinition($"VACUUM ANALYZE {table}", commandTimeout: 600, cancellationToken: cancellationToken));
    }
}
