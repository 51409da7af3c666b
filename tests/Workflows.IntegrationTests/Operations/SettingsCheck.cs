using Microsoft.Extensions.Configuration;

namespace Workflows.IntegrationTests.Operations;

/// <summary>Runs the Host's start-up settings check in memory: the shipped appsettings.json plus <c>settings</c>, Production.</summary>
internal static class SettingsCheck
{
    public static IReadOnlyList<string> Validate(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))
            .AddInMemoryCollection(settings)
            .Build();
        var environment = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment
        {
            ContentRootPath = Path.Combine(RepositoryPaths.Root, "src", "Host"),
            EnvironmentName = "Production",
        };
        return Workflows.Host.Operations.SettingsValidator.Validate(configuration, environment);
    }
}
