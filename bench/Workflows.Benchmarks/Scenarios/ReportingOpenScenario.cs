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
/// Opening a reporting period for 10,000 schools on Hangfire: from the opening instant to the first request email
/// accepted by the SMTP server (issue 15's goal: under 10 s) and to the last one (issue 14's goal: under 8 s). Postfix's
/// <c>smtp-sink</c> receives, as in the mail scenario (aiosmtpd's one Python thread would be the limit). Each run
/// creates a fresh "once" schedule for the group and schedules its opening job, through the Host's step scheduler, at an
/// instant 2 s ahead; a Hangfire server of the benchmark (as a node runs it) picks the job up when that instant comes
/// and runs the opening (one transaction: 10,000 requests with personal links, their step records and outbox rows),
/// then the Host's own outbox sender sends them with its default settings (or those of the variant).
/// </summary>
internal sealed class ReportingOpenScenario : IScenario
{
    private const string Group = "Nhóm trường thử tải mở kỳ";

    public string Name => "reporting-open";

    public string Description => "opening a reporting period for 10,000 schools until smtp-sink received every request email";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchContext context, IList<string> notes, CancellationToken cancellationToken)
    {
        var schools = context.Options.Quick ? 2_000 : 10_000;
        var (warmups, runs) = context.Options.Quick ? (1, 2) : (1, 3);
        using var sink = new BenchSmtpSink();
        var settings = ReportingSetup.WithoutScheduler(context.SmtpSettings());
        settings["Workflows:Distribution:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var host = context.CreateHost("reporting_open", settings);
        var services = host.Services;
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var scheduler = services.GetRequiredService<Workflows.Reporting.Steps.IStepScheduler>();
        var sender = services.GetRequiredService<IOptions<DistributionOptions>>().Value;
        await ReportingSetup.SeedGroupAsync(dataSource, Group, schools, cancellationToken);
        // Every run's schedule first, their own jobs (instants in the past) deleted before any Hangfire server runs.
        // Due 8 days from today: the period's opening (10 days before the due day) has passed, its reminders, overdue notice
        // and summary have not, so the opening job (which runs every due step of its period at the real now) opens the
        // period and does nothing else.
        var now = DateTimeOffset.UtcNow;
        var dueDate = Workflows.Kernel.VietnamTime.ToVietnamDate(now).AddDays(8);
        var periods = new List<Guid>();
        for (var run = 0; run < warmups + runs; run++)
        {
            var (_, created) = await ReportingSetup.CreateScheduleAsync(services, $"Báo cáo thử tải mở kỳ lần {run + 1}", Group, cancellationToken,
                dueDate, now);
            ReportingSetup.ForgetJobs(services, created);
            periods.Add(created);
        }
        using var server = ReportingSetup.StartJobServer(services);
        using var listener = NpgsqlCommands.Listen();
        var cpu = context.Postgres.Cpu();
        List<double> total = [], first = [], rates = [], commands = [], hostCpu = [], postgresCpu = [], smtpCpu = [];
        for (var run = 0; run < warmups + runs; run++)
        {
            var period = periods[run];
            var before = sink.Accepted;
            var target = before + schools;
            var commandsBefore = NpgsqlCommands.Count;
            var cpuBefore = cpu.Read();
            var smtpBefore = sink.CpuMs();
            var instant = DateTimeOffset.UtcNow.AddSeconds(2);
            scheduler.Schedule([new Workflows.Reporting.Steps.PeriodStep(period, "request", instant)]);
            await sink.WaitForAsync(before + 1, TimeSpan.FromMinutes(5));
            var firstAccepted = (DateTimeOffset.UtcNow - instant).TotalSeconds;
            await sink.WaitForAsync(target, TimeSpan.FromMinutes(5));
            var elapsed = (DateTimeOffset.UtcNow - instant).TotalSeconds;
            var cpuAfter = cpu.Read();
            var smtpAfter = sink.CpuMs();
            var used = NpgsqlCommands.Count - commandsBefore;
            await Task.Delay(500, cancellationToken);
            if (sink.Accepted != target) notes.Add($"run {run + 1}: the sink received {sink.Accepted - target} messages more than expected");
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            {
                var sent = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT count(*) FROM outgoing_messages o JOIN report_requests r ON r.id = o.reference_id WHERE r.period_id = @period AND o.status = 'sent'",
                    new { period }, cancellationToken: cancellationToken));
                if (sent != schools) notes.Add($"run {run + 1}: {sent} outbox rows marked sent, not {schools}");
            }
            if (run < warmups) continue;
            total.Add(elapsed);
            first.Add(firstAccepted);
            rates.Add(schools / elapsed);
            commands.Add(used / (double)schools);
            hostCpu.Add((cpuAfter.Host - cpuBefore.Host) / schools);
            postgresCpu.Add((cpuAfter.Postgres - cpuBefore.Postgres) / schools);
            smtpCpu.Add((smtpAfter - smtpBefore) / schools);
        }
        BenchContext.Log($"reporting-open, {schools} schools: {total.Order().ElementAt(total.Count / 2):F1} s");
        notes.Add($"{warmups} warm-up run and {runs} measured runs, {schools:N0} schools each (a schedule per run, all created before the runs); emails without attachment; "
            + "times from the opening job's instant (Hangfire delayed job, polled every Workflows:Scheduler:PollingSeconds)");
        notes.Add($"sender: {sender.Workers} workers, BatchSize {sender.BatchSize} ({sender.ClaimPerWorker} rows claimed per worker), poll {sender.PollMilliseconds} ms, "
            + $"MailKit, a pool of {services.GetRequiredService<IOptions<DistributionOptions>>().Value.Smtp.Connections} connections");
        var label = $"{schools:N0} schools";
        return
        [
            Measurement.Of($"opening instant until the first request email accepted, {label}", "s", first, "< 10 s"),
            Measurement.Of($"opening instant until every email accepted, {label}", "s", total, "< 8 s"),
            Measurement.Of($"emails accepted/s, {label}", "/s", rates, higherIsBetter: true),
            Measurement.Of("round trips per email (Npgsql commands and batches)", "n", commands),
            Measurement.Of("CPU per email, this process", "ms", hostCpu),
            Measurement.Of("CPU per email, PostgreSQL", "ms", postgresCpu),
            Measurement.Of("CPU per email, smtp-sink", "ms", smtpCpu),
        ];
    }
}
