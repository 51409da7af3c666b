using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Quartz;
using Workflows.Definitions;
using Workflows.Host.Identity;
using Workflows.Kernel;
using Workflows.Plans;
using Workflows.Reporting;

namespace Workflows.Host.Reporting;

/// <summary>
/// Wires recurring report requests into the Host: settings <c>Workflows:Reporting</c> and <c>Workflows:Scheduler</c>,
/// the reporting cycle, Quartz.NET with its persistent clustered store in the Host's PostgreSQL, and <c>/api/reporting</c>.
/// </summary>
internal static class ReportingExtensions
{
    /// <summary>Registers the reporting services and, unless <c>Workflows:Scheduler:Enabled</c> is false, the scheduler.</summary>
    public static WebApplicationBuilder AddWorkflowsReporting(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ReportingOptions>(builder.Configuration.GetSection(ReportingOptions.Section));
        builder.Services.Configure<SchedulerOptions>(builder.Configuration.GetSection(SchedulerOptions.Section));
        builder.Services.AddSingleton<ReportingCycle>();
        builder.Services.AddSingleton<PlanDuties>();
        builder.Services.AddSingleton<ReportingCycleMonitor>();
        var scheduler = builder.Configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>() ?? new SchedulerOptions();
        if (!scheduler.Enabled) return builder;
        var connectionString = builder.Configuration.GetConnectionString("Workflows")
            ?? throw new InvalidOperationException("ConnectionStrings:Workflows is not set; call AddWorkflowsStorage first.");
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "workflows";
                if (!string.IsNullOrWhiteSpace(scheduler.InstanceId)) o.InstanceId = scheduler.InstanceId;
            });
            q.UseDefaultThreadPool(Math.Max(1, scheduler.Threads));
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(Math.Max(1, scheduler.CheckinSeconds)));
                store.ProvisionSchema();
            });
            q.AddJob<ReportingCycleJob>(job => job.WithIdentity(ReportingCycleJob.Key).StoreDurably().RequestRecovery().DisallowConcurrentExecution());
            q.AddTrigger(trigger => trigger
                .ForJob(ReportingCycleJob.Key)
                .WithIdentity("reporting-cycle-every", "reporting")
                .StartNow()
                .WithSimpleSchedule(s => s
                    .WithInterval(TimeSpan.FromSeconds(Math.Max(1, scheduler.CycleSeconds)))
                    .RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)));
        });
        builder.Services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AwaitApplicationStarted = true;
        });
        builder.Services.AddHealthChecks().AddCheck<SchedulerHealthCheck>(SchedulerHealthCheck.Name, tags: [Operations.OperationsExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>Maps <c>/api/reporting</c>.</summary>
    public static RouteGroupBuilder MapReportingEndpoints(this RouteGroupBuilder api)
    {
        var reporting = api.MapGroup("/reporting").WithTags("Reporting");
        reporting.MapGet("/schedules", async (HttpContext http, ReportingScheduleStore store, CancellationToken ct) =>
            Results.Ok(await store.ListAsync(http.User.ToActor(), null, ct)));
        reporting.MapPost("/schedules", async (ScheduleInput input, HttpContext http, ReportingScheduleStore store, WorkflowDefinitionCatalog catalog,
            IOptions<ReportingOptions> options, TimeProvider clock, CancellationToken ct) =>
        {
            var actor = http.User.ToActor();
            var definition = catalog.LatestOfKind(options.Value.DefinitionId, WorkflowDefinition.ReportSubmissionKind);
            var id = await store.CreateStandaloneAsync(input, definition, actor, clock.GetUtcNow(), ct);
            return Results.Created($"/api/reporting/schedules/{id}", await store.GetAsync(id, actor, ct));
        });
        reporting.MapGet("/schedules/{id:guid}", async (Guid id, HttpContext http, ReportingScheduleStore store, CancellationToken ct) =>
            Results.Ok(await store.GetAsync(id, http.User.ToActor(), ct)));
        reporting.MapGet("/plans/{planId:guid}/schedules", async (Guid planId, HttpContext http, PlanStore plans, ReportingScheduleStore store,
            CancellationToken ct) =>
        {
            var actor = http.User.ToActor();
            await plans.GetAsync(planId, actor, ct);
            return Results.Ok(await store.ListAsync(actor, planId, ct));
        });
        reporting.MapGet("/plans/{planId:guid}/duties", async (Guid planId, HttpContext http, PlanDuties duties, TimeProvider clock, CancellationToken ct) =>
            Results.Ok(await duties.CheckAsync(planId, http.User.ToActor(), clock.GetUtcNow(), ct)));
        reporting.MapPut("/plans/{planId:guid}/duties/{index:int}", async (Guid planId, int index, System.Text.Json.JsonElement duty, HttpContext http,
            PlanDuties duties, TimeProvider clock, CancellationToken ct) =>
        {
            var actor = http.User.ToActor();
            await duties.CompleteAsync(planId, index, PlanFieldsJson.ParseDuty(duty, $"reportingDuties[{index}]"), actor, clock.GetUtcNow(), ct);
            return Results.Ok((await duties.CheckAsync(planId, actor, clock.GetUtcNow(), ct))[index]);
        });
        reporting.MapGet("/schedules/{id:guid}/status", async (Guid id, HttpContext http, ReportingScheduleStore store, TimeProvider clock,
            CancellationToken ct) => Results.Ok(await store.StatusAsync(id, http.User.ToActor(), clock.GetUtcNow(), ct)));
        reporting.MapGet("/schedules/{id:guid}/status.csv", async (Guid id, HttpContext http, ReportingScheduleStore store, TimeProvider clock,
            CancellationToken ct) =>
        {
            var matrix = await store.StatusAsync(id, http.User.ToActor(), clock.GetUtcNow(), ct);
            var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv(matrix))).ToArray();
            return Results.File(bytes, "text/csv; charset=utf-8", $"tinh-hinh-bao-cao-{id:N}.csv");
        });
        return api;
    }

    /// <summary>The matrix as CSV (comma-separated, RFC 4180 quoting): one row per school, one column per period, Vietnamese states.</summary>
    internal static string Csv(StatusMatrix matrix)
    {
        var csv = new StringBuilder();
        csv.Append(Cell("Đơn vị"));
        foreach (var p in matrix.Periods) csv.Append(',').Append(Cell($"{p.Label} (hạn {p.DueOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)})"));
        csv.Append("\r\n");
        foreach (var row in matrix.Schools)
        {
            csv.Append(Cell(row.Name));
            foreach (var cell in row.Cells) csv.Append(',').Append(Cell(StateText(cell)));
            csv.Append("\r\n");
        }
        return csv.ToString();
    }

    private static string StateText(StatusCell cell) => cell.State switch
    {
        "on_time" => $"Đúng hạn ({Local(cell.SubmittedAt!.Value)})",
        "late" => $"Nộp muộn ({Local(cell.SubmittedAt!.Value)})",
        "missing" => "Chưa nộp",
        "overdue" => "Quá hạn",
        "not_open" => "Chưa mở",
        _ => "Không yêu cầu",
    };

    private static string Local(DateTimeOffset at) => VietnamTime.ToVietnamTime(at).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    private static string Cell(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 || value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('-') || value.StartsWith('@')
            ? "\"" + (value[0] is '=' or '+' or '-' or '@' ? "'" : "") + value.Replace("\"", "\"\"") + "\""
            : value;
}
