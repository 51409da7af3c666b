using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Workflows.Benchmarks.Infrastructure;

/// <summary>
/// The Host (its Program, wiring, hosted services and outbox sender) running inside the benchmark process on a
/// database of its own, in the Production environment, logging warnings and errors only.
/// </summary>
internal sealed class BenchHost(string connectionString, string repositoryRoot, IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>The connection string of the Host's database.</summary>
    public string ConnectionString => connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseContentRoot(Path.Combine(repositoryRoot, "src", "Host"));
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Workflows"] = connectionString,
            ["Workflows:SeedDemo"] = "true",
            ["Workflows:DefinitionsDirectory"] = Path.Combine(repositoryRoot, "workflows-definitions"),
            ["Workflows:Distribution:PickupDirectory"] = Path.Combine(Path.GetTempPath(), $"workflows-bench-mail-{Environment.ProcessId}"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        foreach (var (key, value) in all) builder.UseSetting(key, value);
    }
}
