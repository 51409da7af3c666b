using System.Text.Json;
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
    /// only <c>{status}</c>; an Admin, or a caller from <see cref="Security.SecurityOptions.HealthDetailsNetworks"/>, reads
    /// <c>{status, durationMs, checks: {name: {status, description, durationMs, data}}}</c>. No exception text is ever written.
    /// </summary>
    public static WebApplication MapWorkflowsOperations(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .AllowAnonymous();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var security = context.RequestServices.GetRequiredService<IOptions<Security.SecurityOptions>>().Value;
        if (!context.User.IsInRole(Workflows.Kernel.Roles.Admin) && !security.SeesHealthDetails(context.Connection.RemoteIpAddress))
            return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString() }, JsonSerializerOptions.Web));
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                data = e.Value.Data.Count == 0 ? null : e.Value.Data,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
