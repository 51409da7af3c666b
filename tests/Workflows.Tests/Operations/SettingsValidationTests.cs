using Workflows.Tests.Infrastructure;

namespace Workflows.Tests.Operations;

/// <summary>The real Host process refuses to start on a bad setting, with one line on stderr naming it and exit code 1.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Workflows:Distribution:Smtp:Port", "70000", "out of range (1–65535)")]
    [InlineData("Workflows:Distribution:Smtp:Security", "Tls", "use StartTls")]
    [InlineData("Workflows:Distribution:Smtp:From", "văn thư phòng", "is not an email address")]
    [InlineData("Workflows:Distribution:Workers", "nhiều", "is not a whole number")]
    [InlineData("Workflows:DefinitionsDirectory", "/nowhere/workflows-definitions", "does not exist")]
    [InlineData("Urls", "localhost:5080", "is not an http:// or https:// address")]
    [InlineData("ConnectionStrings:Workflows", "Server=127.0.0.1;Colour=blue", "not a PostgreSQL connection string")]
    public async Task A_bad_setting_stops_the_start_with_one_line_naming_it(string key, string value, string reason)
    {
        await using var host = new HostProcess(connectionString: "Host=127.0.0.1;Port=1;Username=postgres;Database=none",
            settings: new Dictionary<string, string?> { [key] = value }, name: "misconfigured");
        var (exitCode, stdout, stderr) = await host.RunToExitAsync();
        Assert.True(exitCode == 1, $"exit {exitCode}\n{stdout}\n{stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"Invalid setting {key}: ", line);
        Assert.Contains(reason, line);
    }
}
