using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;
using Workflows.Kernel;

namespace Workflows.Host.Reporting;

/// <summary>
/// Runs at start-up, after the schema migrations: points Hangfire's log at this Host (<see cref="HangfireLogBridge"/>), installs or upgrades Hangfire's tables in schema <c>hangfire</c> of
/// the Host's database (Hangfire.PostgreSql's own scripts, under its advisory lock, so that nodes starting together
/// are safe) and, on a node with a server, registers the recurring catch-up (cron every minute, time zone
/// Asia/Ho_Chi_Minh) and runs it once at once (steps missed while every node was down run now), and the morning notices
/// (07:00 Vietnam time: digests of overdue tasks, ended delegations).
/// </summary>
internal sealed class HangfireSetup(NpgsqlDataSource dataSource, IServiceProvider services, IOptions<SchedulerOptions> options,
    ILoggerFactory loggerFactory, ILogger<HangfireSetup> logger) : IHostedService
{
    /// <summary>Hangfire's schema.</summary>
    public const string Schema = "hangfire";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        HangfireLogBridge.Instance.Attach(loggerFactory);
        // Hangfire's install scripts SET search_path and take a session-level advisory lock: a connection of its own, so
        // none of it stays on a pooled connection (the pool skips Npgsql's reset, see WorkflowsDataSource.Build).
        await using (var connection = await Workflows.Storage.WorkflowsDataSource.OpenSessionAsync(dataSource, cancellationToken))
            PostgreSqlObjectsInstaller.Install(connection, Schema);
        if (!options.Value.Enabled) return;
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<ReportingCatchUpJob>(ReportingCatchUpJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely(),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(VietnamTime.TimeZoneId) });
        recurring.Trigger(ReportingCatchUpJob.RecurringId);
        recurring.AddOrUpdate<DueTaskTimersJob>(DueTaskTimersJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Minutely(),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(VietnamTime.TimeZoneId) });
        recurring.AddOrUpdate<Notifications.MorningNoticesJob>(Notifications.MorningNoticesJob.RecurringId, job => job.RunAsync(CancellationToken.None),
            Notifications.MorningNoticesJob.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(VietnamTime.TimeZoneId) });
        logger.LogInformation("Hangfire server {Server}: recurring job {Job} every minute ({Zone}), run once now",
            options.Value.ServerName, ReportingCatchUpJob.RecurringId, VietnamTime.TimeZoneId);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        HangfireLogBridge.Instance.Detach(loggerFactory);
        return Task.CompletedTask;
    }
}
