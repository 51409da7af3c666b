
namespace Workflows.IntegrationTests.Operations;

/// <summary>The <c>Workflows:Reporting</c> and <c>Workflows:Scheduler</c> settings are checked at start-up like the others.</summary>
public sealed class ReportingSettingsValidationTests
{
    private static IReadOnlyList<string> Validate(Dictionary<string, string?> settings) => SettingsCheck.Validate(settings);

    [Fact]
    public void A_production_reporting_and_scheduler_configuration_is_valid() => Assert.Empty(Validate(new()
    {
        ["Workflows:Reporting:PublicBaseUrl"] = "https://baocao.pgddt.uongbi.example.org/truong",
        ["Workflows:Reporting:MaxUploadBytes"] = "52428800",
        ["Workflows:Reporting:OpenDaysBeforeDue"] = "14",
        ["Workflows:Reporting:CloseDaysAfterDeadline"] = "30",
        ["Workflows:Reporting:OpeningTime"] = "06:30",
        ["Workflows:Scheduler:Enabled"] = "true",
        ["Workflows:Scheduler:InstanceId"] = "node-a",
        ["Workflows:Scheduler:Workers"] = "4",
        ["Workflows:Scheduler:PollingSeconds"] = "5",
        ["Workflows:Scheduler:HeartbeatSeconds"] = "10",
    }));

    [Fact]
    public void Each_bad_reporting_or_scheduler_setting_is_reported_on_its_own_naming_it()
    {
        var problems = Validate(new()
        {
            ["Workflows:Reporting:PublicBaseUrl"] = "baocao.uongbi.example.org",
            ["Workflows:Reporting:LeadersGroup"] = " ",
            ["Workflows:Reporting:MaxUploadBytes"] = "0",
            ["Workflows:Reporting:OpenDaysBeforeDue"] = "0",
            ["Workflows:Reporting:CloseDaysAfterDeadline"] = "3",
            ["Workflows:Reporting:OpeningTime"] = "7 giờ",
            ["Workflows:Scheduler:Enabled"] = "bật",
            ["Workflows:Scheduler:InstanceId"] = "",
            ["Workflows:Scheduler:Workers"] = "0",
            ["Workflows:Scheduler:PollingSeconds"] = "15",
            ["Workflows:Scheduler:HeartbeatSeconds"] = "mười",
        });
        Assert.Equal(
        [
            "Workflows:Reporting:PublicBaseUrl: 'baocao.uongbi.example.org' is not an absolute http:// or https:// address without query, e.g. https://baocao.example.org",
            "Workflows:Reporting:LeadersGroup: is empty",
            "Workflows:Reporting:MaxUploadBytes: '0' is not a positive whole number of bytes up to 2147483648 (2 GB), e.g. 20971520 for 20 MB",
            "Workflows:Reporting:OpenDaysBeforeDue: 0 is out of range (1–90)",
            "Workflows:Reporting:CloseDaysAfterDeadline: 3 is out of range (7–366)",
            "Workflows:Reporting:OpeningTime: '7 giờ' is not a time of day, e.g. 07:00",
            "Workflows:Scheduler:Enabled: 'bật' is not true or false",
            "Workflows:Scheduler:InstanceId: must be non-empty and at most 200 characters when set (remove it to let each node generate its own)",
            "Workflows:Scheduler:Workers: 0 is out of range (1–64)",
            "Workflows:Scheduler:PollingSeconds: '15' is not a whole number of seconds from 1 to 5 (a step runs at most this long after its instant)",
            "Workflows:Scheduler:HeartbeatSeconds: 'mười' is not a whole number",
        ], problems);
    }

    [Theory]
    [InlineData("Workflows:Reporting:PublicBaseUrl", "ftp://baocao.example.org", "is not an absolute http:// or https:// address")]
    [InlineData("Workflows:Reporting:MaxUploadBytes", "20MB", "is not a positive whole number of bytes")]
    [InlineData("Workflows:Scheduler:PollingSeconds", "0", "is not a whole number of seconds from 1 to 5")]
    public async Task The_Host_refuses_to_start_on_a_bad_reporting_setting_with_one_line_naming_it(string key, string value, string reason)
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
