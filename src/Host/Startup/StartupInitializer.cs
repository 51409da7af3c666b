using Npgsql;
using Workflows.Definitions;
using Workflows.Engine;
using Workflows.Host.Identity;
using Workflows.Storage;

namespace Workflows.Host.Startup;

/// <summary>
/// Runs before the Host accepts requests: applies the schema migrations, loads and validates the workflow
/// definitions (a bad file stops the start), loads the engine's copies of the open tasks
/// (<see cref="WorkflowEngine.RememberOpenTasksAsync"/>), and in the embedded default seeds the demo accounts.
/// </summary>
internal sealed class StartupInitializer(
    IServiceProvider services,
    NpgsqlDataSource dataSource,
    WorkflowDefinitionCatalog catalog,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<StartupInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await MigrationRunner.ApplyAsync(dataSource, logger, cancellationToken);
        var folder = HostPaths.Definitions(configuration, environment);
        await catalog.LoadAsync(folder, cancellationToken);
        logger.LogInformation("Loaded workflow definitions from {Folder}: {Definitions}", folder,
            string.Join(", ", catalog.Current.Select(d => $"{d.Id} v{d.Version}")));
        var remembered = await services.GetRequiredService<WorkflowEngine>().RememberOpenTasksAsync(cancellationToken);
        logger.LogInformation("The engine has a copy of {Count} open tasks (their completion takes one round trip)", remembered);
        if (configuration.GetValue<bool>("Workflows:Embedded") || configuration.GetValue<bool>("Workflows:SeedDemo"))
        {
            await DemoAccounts.SeedAsync(services);
        }
        else
        {
            await DemoAccounts.EnsureRolesAsync(services);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
