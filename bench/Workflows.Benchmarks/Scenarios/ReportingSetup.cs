using Dapper;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Workflows.Definitions;
using Workflows.Kernel;
using Workflows.Reporting;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>
/// What both reporting scenarios share: a directory group of many schools written set-based (one INSERT … SELECT over
/// <c>generate_series</c>), a standalone "once" schedule (by default due Friday 20 March 2026) targeting it (created through the
/// schedule store, so its period is planned as in production: opening 10 March 07:00, deadline the end of 20 March,
/// overdue notice Monday 23 March, leaders' summary Thursday 26 March, Vietnam time).
/// </summary>
internal static class ReportingSetup
{
    /// <summary>The instant the benchmarks open the period: 10 March 2026, 08:00 Vietnam time.</summary>
    public static readonly DateTimeOffset Opening = new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.FromHours(7)).ToUniversalTime();

    /// <summary>After the overdue notice and the leaders' summary are due: 26 March 2026, 08:00 Vietnam time.</summary>
    public static readonly DateTimeOffset AfterSummary = new DateTimeOffset(2026, 3, 26, 8, 0, 0, TimeSpan.FromHours(7)).ToUniversalTime();

    private static readonly Actor Drafter = new("bench.chuyenvien", "Chuyên viên thử tải", null, "PGDĐT", new HashSet<string> { "Drafter" });

    /// <summary>
    /// Host settings: no Hangfire server in the Host (its catch-up would run the steps between the runs, and the jobs of a
    /// schedule created in the past would run at once); the benchmark starts its own server (<see cref="StartJobServer"/>)
    /// when the data is in place.
    /// </summary>
    public static Dictionary<string, string?> WithoutScheduler(Dictionary<string, string?> settings)
    {
        settings["Workflows:Scheduler:Enabled"] = "false";
        return settings;
    }

    /// <summary>
    /// A Hangfire server on the Host's job storage and job activator, as a node runs it (2 workers, delayed jobs looked
    /// for every <c>Workflows:Scheduler:PollingSeconds</c>, default 1 s), without the recurring catch-up.
    /// </summary>
    public static BackgroundJobServer StartJobServer(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<Workflows.Host.Reporting.SchedulerOptions>>().Value;
        return new BackgroundJobServer(new BackgroundJobServerOptions
        {
            ServerName = "bench",
            WorkerCount = options.Workers,
            SchedulePollingInterval = TimeSpan.FromSeconds(options.PollingSeconds),
            Activator = services.GetRequiredService<JobActivator>(),
        }, services.GetRequiredService<JobStorage>());
    }

    /// <summary>Deletes the pending jobs of <paramref name="period"/> (its instants lie in the past: they would run at once).</summary>
    public static void ForgetJobs(IServiceProvider services, Guid period) =>
        services.GetRequiredService<Workflows.Reporting.Steps.IStepScheduler>().Cancel([period]);

    /// <summary>Writes a group named <paramref name="group"/> of <paramref name="schools"/> schools with distinct addresses.</summary>
    public static async Task SeedGroupAsync(NpgsqlDataSource dataSource, string group, int schools, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            WITH g AS (
                INSERT INTO directory_entries (id, name, kind) VALUES (gen_random_uuid(), @group, 'group') RETURNING id
            ), s AS (
                INSERT INTO directory_entries (id, name, kind, email)
                SELECT gen_random_uuid(), 'Trường thử tải số ' || i, 'school', 'truong' || i || '@thutai.example.org'
                FROM generate_series(1, @schools) i
                RETURNING id
            )
            INSERT INTO directory_members (group_id, member_id) SELECT g.id, s.id FROM g, s;
            """, new { group, schools }, commandTimeout: 600, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("ANALYZE directory_entries", cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("ANALYZE directory_members", cancellationToken: cancellationToken));
    }

    /// <summary>
    /// A "once" schedule for the group, due <paramref name="dueDate"/> (default 20 March 2026, created on 18 February
    /// 2026); returns its only period's id.
    /// </summary>
    public static async Task<(Guid Schedule, Guid Period)> CreateScheduleAsync(IServiceProvider services, string title, string group,
        CancellationToken cancellationToken, DateOnly? dueDate = null, DateTimeOffset? createdAt = null)
    {
        var store = services.GetRequiredService<ReportingScheduleStore>();
        var catalog = services.GetRequiredService<WorkflowDefinitionCatalog>();
        var options = services.GetRequiredService<IOptions<ReportingOptions>>().Value;
        var definition = catalog.LatestOfKind(options.DefinitionId, WorkflowDefinition.ReportSubmissionKind);
        var schedule = await store.CreateStandaloneAsync(new ScheduleInput
        {
            Title = title, Frequency = "once", DueDate = dueDate ?? new DateOnly(2026, 3, 20), Target = new ScheduleTargetInput(Group: group),
        }, definition, Drafter, createdAt ?? Opening.AddDays(-20), cancellationToken);
        await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(cancellationToken);
        var period = await connection.QuerySingleAsync<Guid>(new CommandDefinition(
            "SELECT id FROM reporting_periods WHERE schedule_id = @schedule", new { schedule }, cancellationToken: cancellationToken));
        return (schedule, period);
    }
}
