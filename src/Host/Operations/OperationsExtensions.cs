using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using Workflows.Storage;

namespace Workflows.Host.Operations;

/// <summary>
/// What lets several Host processes serve one database and be run by an operator: the Data Protection key ring in
/// PostgreSQL, the <c>/health/live</c> and <c>/health/ready</c> endpoints, and OpenTelemetry export.
/// </summary>
internal static class OperationsExtensions
{
    /// <summary>
    /// Tag of the checks <c>/health/ready</c> runs. Another feature adds its own with
    /// <c>builder.Services.AddHealthChecks().AddCheck&lt;T&gt;("name", tags: [OperationsExtensions.ReadyTag])</c>.
    /// </summary>
    public const string ReadyTag = "ready";

    /// <summary>Registers Data Protection on PostgreSQL, the health checks and (when configured) OpenTelemetry.</summary>
    public static WebApplicationBuilder AddWorkflowsOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName("Workflows");
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<NpgsqlDataSource>((options, dataSource) => options.XmlRepository = new PostgresXmlRepository(new DataProtectionKeyStore(dataSource)));
        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", tags: [ReadyTag])
            .AddCheck<SchemaHealthCheck>("schema", tags: [ReadyTag])
            .AddCheck<AuditSealingHealthCheck>("audit-sealing", tags: [ReadyTag]);
        builder.Services.AddHostedService<AuditSealingService>();
        builder.AddWorkflowsTelemetry();
        return builder;
    }

    /// <summary>
    /// Maps <c>/health/live</c> (200 while the process serves requests; runs no check) and <c>/health/ready</c> (200
    /// when every check tagged <see cref="ReadyTag"/> is healthy, else 503), both anonymous. An anonymous caller reads
    /// only <c>{status}</c>; whom <see cref="HealthReportWriter.MaySeeDetails"/> lets through (an Admin, or a caller from
    /// <see cref="Security.SecurityOptions.HealthDetailsNetworks"/>) reads every check (<see cref="HealthReportWriter"/>).
    /// </summary>
    public static WebApplication MapWorkflowsOperations(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthReportWriter.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthReportWriter.WriteAsync })
            .AllowAnonymous();
        return app;
    }
}
