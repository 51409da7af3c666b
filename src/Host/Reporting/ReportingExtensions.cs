using Microsoft.Extensions.Options;
using Hangfire;
using Hangfire.PostgreSql;
using Workflows.Definitions;
using Workflows.Host.Identity;
using Workflows.Kernel;
using Workflows.Plans;
using Workflows.Reporting;
using Workflows.Reporting.Status;
using Workflows.Reporting.Steps;

namespace Workflows.Host.Reporting;

/// <summary>
/// Wires recurring report requests into the Host: settings <c>Workflows:Reporting</c> and <c>Workflows:Scheduler</c>,
/// the reporting cycle, Hangfire on the Host's PostgreSQL (schema <c>hangfire</c>; a server on this node unless
/// <c>Workflows:Scheduler:Enabled</c> is false), its dashboard and <c>/api/reporting</c>.
/// </summary>
internal static class ReportingExtensions
{
    /// <summary>Where the Hangfire dashboard is served, for Admins only.</summary>
    public const string DashboardPath = "/quan-tri/tac-vu";

    /// <summary>Registers the reporting services, the job storage and client, and unless <c>Workflows:Scheduler:Enabled</c> is false a Hangfire server.</summary>
    public static WebApplicationBuilder AddWorkflowsReporting(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ReportingOptions>(builder.Configuration.GetSection(ReportingOptions.Section));
        builder.Services.Configure<SchedulerOptions>(builder.Configuration.GetSection(SchedulerOptions.Section));
        builder.Services.AddSingleton<ReportingCycle>();
        builder.Services.AddSingleton<PlanDuties>();
        builder.Services.AddSingleton<ReportingCycleMonitor>();
        var scheduler = builder.Configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>() ?? new SchedulerOptions();

        // This Host's own storage and job activator (registered before AddHangfire, which only adds Hangfire's globals when
        // none is there): several Hosts in one process (the tests) each keep theirs.
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString("Workflows")
            ?? throw new InvalidOperationException("ConnectionStrings:Workflows is not set; call AddWorkflowsStorage first."))
        {
            Enlist = false,
            ConnectionIdleLifetime = 30, // Hangfire touches the database in bursts: give idle connections back soon
        }.ConnectionString;
        builder.Services.AddSingleton<JobStorage>(_ =>
        {
            var storageOptions = new PostgreSqlStorageOptions
            {
                SchemaName = HangfireSetup.Schema,
                PrepareSchemaIfNecessary = false, // HangfireSetup installs it at start-up, after the migrations
                EnableLongPolling = true,         // LISTEN/NOTIFY: a job enqueued on any node wakes the workers at once
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = TimeSpan.FromMinutes(5),
            };
            // Hangfire's own pool on the Host's database: its long-lived LISTEN and polling connections stay out of the
            // Host's data source (whose connections auto-prepare statements).
            return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
        });
        builder.Services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire(configuration => configuration
            .UseLogProvider(HangfireLogBridge.Instance)
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        builder.Services.AddSingleton<HangfireStepScheduler>();
        builder.Services.AddSingleton<IStepScheduler>(sp => sp.GetRequiredService<HangfireStepScheduler>());
        builder.Services.AddHostedService<HangfireSetup>();
        if (!scheduler.Enabled) return builder;
        builder.Services.AddHangfireServer((_, server) =>
        {
            server.ServerName = scheduler.ServerName;
            server.WorkerCount = Math.Max(1, scheduler.Workers);
            server.SchedulePollingInterval = TimeSpan.FromSeconds(Math.Clamp(scheduler.PollingSeconds, 1, 5));
            server.HeartbeatInterval = TimeSpan.FromSeconds(Math.Max(1, scheduler.HeartbeatSeconds));
            server.ServerCheckInterval = TimeSpan.FromSeconds(Math.Max(1, scheduler.HeartbeatSeconds));
            server.ServerTimeout = TimeSpan.FromSeconds(Math.Max(20, 4 * scheduler.HeartbeatSeconds));
        });
        builder.Services.AddHealthChecks().AddCheck<SchedulerHealthCheck>(SchedulerHealthCheck.Name, tags: [Operations.OperationsExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>
    /// Maps the Hangfire dashboard at <see cref="DashboardPath"/> behind the Admin authorization policy: anonymous → the
    /// sign-in page, another role → 403, whatever the address the request comes from (Hangfire's default
    /// local-requests-only filter is removed, so loopback and a reverse proxy give no way in).
    /// </summary>
    public static IEndpointRouteBuilder MapSchedulerDashboard(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboardWithAuthorizationPolicy(Ui.UiExtensions.AdminPolicy, DashboardPath, new DashboardOptions
        {
            DashboardTitle = "Tác vụ hẹn giờ",
            AppPath = "/",
            DisplayStorageConnectionString = false,
        });
        return app;
    }

    /// <summary>Maps <c>/api/reporting</c>.</summary>
    public static RouteGroupBuilder MapReportingEndpoints(this RouteGroupBuilder api)
    {
        var reporting = api.MapGroup("/reporting").WithTags("Reporting");
        reporting.MapGet("/schedules", async (HttpContext http, ReportingScheduleStore store, CancellationToken ct) =>
            Results.Ok(await store.ListAsync(http.User.ToActor(), null, ct)));
        reporting.MapPost("/schedules", async (ScheduleInput input, HttpContext http, ReportCampaigns campaigns, CancellationToken ct) =>
        {
            var schedule = await campaigns.CreateAsync(input, http.User.ToActor(), ct);
            return Results.Created($"/api/reporting/schedules/{schedule.Id}", schedule);
        });
        reporting.MapGet("/schedules/{id:guid}", async (Guid id, HttpContext http, ReportingScheduleStore store, CancellationToken ct) =>
            Results.Ok(await store.GetAsync(id, http.User.ToActor(), ct)));
        reporting.MapPut("/schedules/{id:guid}", async (Guid id, ScheduleInput input, HttpContext http, ScheduleChanges changes, CancellationToken ct) =>
            Results.Ok(await changes.EditAsync(id, input, http.User.ToActor(), ct)));
        reporting.MapPost("/schedules/{id:guid}/cancel", async (Guid id, CancelScheduleInput? input, HttpContext http, ScheduleChanges changes, CancellationToken ct) =>
            Results.Ok(await changes.CancelAsync(id, input?.Reason, http.User.ToActor(), ct)));
        reporting.MapGet("/schedules/{id:guid}/steps", async (Guid id, HttpContext http, UpcomingSteps steps, CancellationToken ct) =>
            Results.Ok(await steps.ListAsync(id, http.User.ToActor(), ct)));
        reporting.MapGet("/plans/{planId:guid}/schedules", async (Guid planId, HttpContext http, ReportingScheduleStore store, CancellationToken ct) =>
            Results.Ok(await store.ListAsync(http.User.ToActor(), planId, ct)));
        reporting.MapGet("/plans/{planId:guid}/duties", async (Guid planId, HttpContext http, PlanDuties duties, TimeProvider clock, CancellationToken ct) =>
            Results.Ok(await duties.CheckAsync(planId, http.User.ToActor(), clock.GetUtcNow(), ct)));
        reporting.MapPut("/plans/{planId:guid}/duties/{index:int}", async (Guid planId, int index, System.Text.Json.JsonElement duty, HttpContext http,
            PlanDuties duties, TimeProvider clock, CancellationToken ct) =>
        {
            var actor = http.User.ToActor();
            await duties.CompleteAsync(planId, index, PlanFieldsJson.ParseDuty(duty, $"reportingDuties[{index}]"), actor, clock.GetUtcNow(), ct);
            return Results.Ok((await duties.CheckAsync(planId, actor, clock.GetUtcNow(), ct))[index]);
        });
        // One page of the matrix, paged by PostgreSQL as the schedule page is (MatrixPages): q, state, page, pageSize;
        // a bad value is a 422 naming its field.
        reporting.MapGet("/schedules/{id:guid}/status", async (Guid id, string? q, string? state, string? page, string? pageSize, HttpContext http,
            MatrixPages matrix, TimeProvider clock, CancellationToken ct) =>
        {
            var query = MatrixQuery.Parse(q, state, page, pageSize);
            var now = clock.GetUtcNow();
            var result = await matrix.PageAsync(id, http.User.ToActor(), now, query, ct);
            return Results.Ok(new
            {
                scheduleId = id, result.Schedule.Title, at = now, result.Periods, current = result.Current?.Id,
                total = result.Schools, result.Matching, result.Page, result.PageSize, result.Pages,
                counts = result.Counts.ToDictionary(c => c.Key.ToString(), c => c.Value), result.OverdueCount,
                schools = result.Rows,
            });
        });
        // The whole matrix as CSV, streamed: PostgreSQL is read a page of schools at a time while the answer is written.
        reporting.MapGet("/schedules/{id:guid}/status.csv", async (Guid id, HttpContext http, MatrixPages matrix, TimeProvider clock,
            CancellationToken ct) =>
        {
            var rows = await matrix.AllRowsAsync(id, http.User.ToActor(), clock.GetUtcNow(), ct: ct);
            return Results.Stream(body => StatusCsv.WriteAsync(body, rows, ct), "text/csv; charset=utf-8", $"tinh-hinh-bao-cao-{id:N}.csv");
        });
        return api;
    }
}
