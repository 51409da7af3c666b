using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Workflows.Telemetry;

namespace Workflows.Host.Operations;

/// <summary>
/// OpenTelemetry export by OTLP, on only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads the other
/// standard variables itself: <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_EXPORTER_OTLP_HEADERS</c>…). Traces of ASP.NET
/// Core requests and Npgsql commands; metrics of the <c>Workflows</c> meter, ASP.NET Core, Kestrel and Npgsql; logs
/// with their scopes (plan, instance, task, message ids). The OpenTelemetry.Extensions.Hosting package is not in the
/// registry, so the providers are built here and flushed when the Host stops.
/// </summary>
internal static class TelemetryExtensions
{
    /// <summary>Adds the exporters when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured; otherwise does nothing.</summary>
    public static WebApplicationBuilder AddWorkflowsTelemetry(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) return builder;
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "workflows-host";
        var resource = ResourceBuilder.CreateDefault().AddService(serviceName, serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}");
        builder.Logging.AddOpenTelemetry(options =>
        {
            options.SetResourceBuilder(resource);
            options.IncludeScopes = true;
            options.IncludeFormattedMessage = true;
            options.AddOtlpExporter();
        });
        builder.Services.AddHostedService(_ => new TelemetryProviders(resource));
        return builder;
    }

    /// <summary>Owns the tracer and meter providers: built before the server starts, flushed and disposed at stop.</summary>
    private sealed class TelemetryProviders(ResourceBuilder resource) : IHostedService, IDisposable
    {
        private TracerProvider? _tracer;
        private MeterProvider? _meter;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            _tracer = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource)
                .AddSource("Microsoft.AspNetCore", "Npgsql", WorkflowsMetrics.MeterName)
                .AddOtlpExporter()
                .Build();
            _meter = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource)
                .AddMeter(WorkflowsMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Npgsql")
                .AddOtlpExporter()
                .Build();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            _tracer?.ForceFlush(2000);
            _meter?.ForceFlush(2000);
            return Task.CompletedTask;
        }

        public void Dispose()
        {
            _tracer?.Dispose();
            _meter?.Dispose();
        }
    }
}
