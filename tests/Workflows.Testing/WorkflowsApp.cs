using Microsoft.Extensions.Time.Testing;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Workflows.Testing;

/// <summary>
/// The Host in memory on a real PostgreSQL database of its own, with the demo accounts, the repository's workflow
/// definitions (or another folder) and a clock the test controls.
/// </summary>
internal sealed class WorkflowsApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public WorkflowsApp(string? connectionString = null, string? definitionsDirectory = null, FakeTimeProvider? clock = null,
        IDictionary<string, string?>? settings = null)
    {
        ConnectionString = connectionString ?? TestPostgres.CreateDatabase();
        Clock = clock ?? new FakeTimeProvider(DateTimeOffset.UtcNow);
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Workflows"] = ConnectionString,
            ["Workflows:SeedDemo"] = "true",
            ["Workflows:DefinitionsDirectory"] = definitionsDirectory ?? RepositoryPaths.Definitions,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    public string ConnectionString { get; }

    /// <summary>
    /// The Host's clock. Set it in UTC (<c>ToUniversalTime()</c>), as <see cref="TimeProvider.System"/> reads: it
    /// returns the offset it was given, and Npgsql writes only UTC to <c>timestamptz</c>.
    /// </summary>
    public FakeTimeProvider Clock { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    /// <summary>A client signed in as <paramref name="userName"/> (demo password).</summary>
    public async Task<HttpClient> SignInAsync(string userName)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = "demo" });
        response.EnsureSuccessStatusCode();
        return client;
    }
}
