using Workflows.Scanning;

namespace Workflows.Host.Reading;

/// <summary>Wires reading scans by OCR into the Host: settings <c>Workflows:Scanning</c>, the queue and its worker, and the plan upload use case (<see cref="PlanUploads"/>) that feeds it.</summary>
internal static class ScanningExtensions
{
    /// <summary>Binds <see cref="ScanOptions"/> and starts the <see cref="ScanWorker"/>.</summary>
    public static WebApplicationBuilder AddWorkflowsScanning(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ScanOptions>(builder.Configuration.GetSection("Workflows:Scanning"));
        builder.Services.AddSingleton<ScanQueue>();
        builder.Services.AddSingleton<ScanReader>();
        builder.Services.AddSingleton<PlanUploads>();
        builder.Services.AddHostedService<ScanWorker>();
        return builder;
    }
}
