using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Workflows.Benchmarks.Infrastructure;
using Workflows.Distribution;
using Workflows.Reporting;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>
/// Opening a reporting period for 10,000 schools until the SMTP server accepted every request email (issue 5's goal:
/// under 60 s). Each run creates a fresh "once" schedule for the group, then the clock starts, the reporting cycle runs
/// at the opening instant (one transaction: 10,000 requests with personal links, their step records and outbox rows)
/// and the clock stops when the server counted the last email. The Host's own outbox sender sends them with its
/// default settings (or those of the variant).
/// </summary>
internal sealed class ReportingOpenScenario : IScenario
{
    private const string Group = "Nhóm trường thử tải mở kỳ";

    public string Name => "reporting-open";

    public string Description => "opening a reporting period for 10,000 schools until aiosmtpd accepted every request email";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchContext context, IList<string> notes, CancellationToken cancellationToken)
    {
        var schools = context.Options.Quick ? 2_000 : 10_000;
        var (warmups, runs) = context.Options.Quick ? (1, 2) : (1, 3);
        var settings = ReportingSetup.WithoutScheduler(context.SmtpSettings());
        await using var host = context.CreateHost("reporting_open", settings);
        var services = host.Services;
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var cycle = services.GetRequiredService<ReportingCycle>();
        var sender = services.GetRequiredService<IOptions<DistributionOptions>>().Value;
        await ReportingSetup.SeedGroupAsync(dataSource, Group, schools, cancellationToken);
        using var listener = NpgsqlCommands.Listen();
        var cpu = context.Postgres.Cpu();
        List<double> total = [], opening = [], rates = [], commands = [], hostCpu = [], postgresCpu = [], smtpCpu = [];
        for (var run = 0; run < warmups + runs; run++)
        {
            var (_, period) = await ReportingSetup.CreateScheduleAsync(services, $"Báo cáo thử tải mở kỳ lần {run + 1}", Group, cancellationToken);
            var target = context.Smtp.Accepted + schools;
            var commandsBefore = NpgsqlCommands.Count;
            var cpuBefore = cpu.Read();
            var smtpBefore = context.Smtp.CpuMs();
            var start = Stopwatch.GetTimestamp();
            var result = await cycle.RunDueAsync(ReportingSetup.Opening, cancellationToken);
            var opened = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (result.MessagesQueued != schools) throw new InvalidOperationException($"The cycle queued {result.MessagesQueued} messages, not {schools}.");
            await context.Smtp.WaitForAsync(target, TimeSpan.FromMinutes(5));
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var cpuAfter = cpu.Read();
            var smtpAfter = context.Smtp.CpuMs();
            var used = NpgsqlCommands.Count - commandsBefore;
            await Task.Delay(500, cancellationToken);
            if (context.Smtp.Accepted != target) notes.Add($"run {run + 1}: the server accepted {context.Smtp.Accepted - target} messages more than expected");
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            {
                var sent = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT count(*) FROM outgoing_messages o JOIN report_requests r ON r.id = o.reference_id WHERE r.period_id = @period AND o.status = 'sent'",
                    new { period }, cancellationToken: cancellationToken));
                if (sent != schools) notes.Add($"run {run + 1}: {sent} outbox rows marked sent, not {schools}");
            }
            if (run < warmups) continue;
            total.Add(elapsed);
            opening.Add(opened);
            rates.Add(schools / elapsed);
            commands.Add(used / (double)schools);
            hostCpu.Add((cpuAfter.Host - cpuBefore.Host) / schools);
            postgresCpu.Add((cpuAfter.Postgres - cpuBefore.Postgres) / schools);
            smtpCpu.Add((smtpAfter - smtpBefore) / schools);
        }
        BenchContext.Log($"reporting-open, {schools} schools: {total.Order().ElementAt(total.Count / 2):F1} s");
        notes.Add($"{warmups} warm-up run and {runs} measured runs, {schools:N0} schools each (a new schedule per run); emails without attachment");
        notes.Add($"sender: {sender.Workers} workers, BatchSize {sender.BatchSize} ({sender.ClaimPerWorker} rows claimed per worker), poll {sender.PollMilliseconds} ms, "
            + $"MailKit, a pool of {services.GetRequiredService<IOptions<DistributionOptions>>().Value.Smtp.Connections} connections");
        var label = $"{schools:N0} schools";
        return
        [
            Measurement.Of($"open for {label} until every email accepted", "s", total, "< 60 s"),
            Measurement.Of($"emails accepted/s, {label}", "/s", rates, higherIsBetter: true),
            Measurement.Of($"opening transaction (requests, links, outbox rows), {label}", "s", opening),
            Measurement.Of("round trips per email (Npgsql commands and batches)", "n", commands),
            Measurement.Of("CPU per email, this process", "ms", hostCpu),
            Measurement.Of("CPU per email, PostgreSQL", "ms", postgresCpu),
            Measurement.Of("CPU per email, the SMTP server (aiosmtpd, one Python thread)", "ms", smtpCpu),
        ];
    }
}
