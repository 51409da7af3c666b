
namespace Workflows.IntegrationTests.Operations;

/// <summary>The real Host process refuses to start on a bad setting, with one line on stderr naming it and exit code 1.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Workflows:Distribution:Smtp:Port", "70000", "out of range (1–65535)")]
    [InlineData("Workflows:Distribution:Smtp:Security", "Tls", "for implicit TLS (port 465) use ssl-on-connect")]
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

/// <summary>The same checks in memory: the shipped defaults pass, and every problem gets its own line.</summary>
public sealed class SettingsValidatorTests
{
    private static IReadOnlyList<string> Validate(Dictionary<string, string?> settings) => SettingsCheck.Validate(settings);

    [Fact]
    public void The_shipped_appsettings_and_the_embedded_default_are_valid() => Assert.Empty(Validate([]));

    [Fact]
    public void A_production_SMTP_configuration_is_valid() => Assert.Empty(Validate(new()
    {
        ["ConnectionStrings:Workflows"] = "Host=db.internal;Port=5432;Username=workflows;Password=secret;Database=workflows",
        ["Urls"] = "http://0.0.0.0:8080;https://*:8443",
        ["Workflows:Distribution:Transport"] = "Smtp",
        ["Workflows:Distribution:Smtp:Host"] = "smtp.example.org",
        ["Workflows:Distribution:Smtp:Port"] = "587",
        ["Workflows:Distribution:Smtp:Security"] = "StartTls",
        ["Workflows:Distribution:Smtp:UserName"] = "vanthu",
        ["Workflows:Distribution:Smtp:Password"] = "secret",
        ["Workflows:Distribution:Smtp:From"] = "\"Phòng GDĐT Uông Bí\" <vanthu@pgddt.uongbi.example.org>",
        ["Workflows:Distribution:RetryBaseSeconds"] = "0.5",
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317",
    }));

    [Fact]
    public void Each_bad_setting_is_reported_on_its_own_naming_it()
    {
        var problems = Validate(new()
        {
            ["Workflows:Distribution:Transport"] = "Smtp",
            ["Workflows:Distribution:Smtp:Port"] = "0",
            ["Workflows:Distribution:LeaseSeconds"] = "10",
            ["Workflows:Distribution:Smtp:TimeoutSeconds"] = "30",
            ["Workflows:Distribution:RetryBaseSeconds"] = "60",
            ["Workflows:Distribution:RetryMaxSeconds"] = "10",
            ["Workflows:SeedDemo"] = "có",
            ["Workflows:IssuingBodies:1:Code"] = "PGDĐT",
        });
        Assert.Equal(
        [
            "Workflows:SeedDemo: 'có' is not true or false",
            "Workflows:IssuingBodies: the code 'PGDĐT' is used 2 times",
            "Workflows:Distribution:Smtp:Host: is required when Workflows:Distribution:Transport is Smtp",
            "Workflows:Distribution:Smtp:Port: 0 is out of range (1–65535)",
            "Workflows:Distribution:LeaseSeconds: 10 must be longer than Workflows:Distribution:Smtp:TimeoutSeconds (30), or a message still being sent may be taken over and sent by another node too",
            "Workflows:Distribution:RetryMaxSeconds: 10 is shorter than Workflows:Distribution:RetryBaseSeconds (60)",
        ], problems);
    }

    [Fact]
    public void Mail_security_settings_that_cannot_work_are_each_reported()
    {
        var problems = Validate(new()
        {
            ["Workflows:Distribution:Smtp:Security"] = "ssl-on-connect",
            ["Workflows:Distribution:Smtp:TrustedCaFile"] = "/nowhere/ca.pem",
            ["Workflows:Distribution:Smtp:CertificatePins:0"] = "abc",
            ["Workflows:Distribution:Smtp:Dkim:Domain"] = "uongbi.example.org",
            ["Workflows:Distribution:Smtp:ReplyTo:PGDĐT"] = "văn thư",
            ["Workflows:Distribution:Smtp:Connections"] = "0",
        });
        Assert.Equal(
        [
            "Workflows:Distribution:Smtp:TrustedCaFile: the file '/nowhere/ca.pem' does not exist",
            "Workflows:Distribution:Smtp:CertificatePins:0: 'abc' is not a base64 SHA-256 digest (44 characters)",
            "Workflows:Distribution:Smtp:ReplyTo:PGDĐT: 'văn thư' is not an email address",
            "Workflows:Distribution:Smtp:Dkim:Selector: is required when another Dkim setting is set",
            "Workflows:Distribution:Smtp:Dkim:PrivateKeyFile: is required when another Dkim setting is set",
            "Workflows:Distribution:Smtp:Connections: 0 is out of range (1–256)",
        ], problems);
    }

    [Fact]
    public void A_lease_no_longer_than_one_send_is_refused_and_a_large_claim_needs_no_longer_lease()
    {
        var refused = Validate(new()
        {
            ["Workflows:Distribution:Smtp:TimeoutSeconds"] = "30",
            ["Workflows:Distribution:LeaseSeconds"] = "30",
        });
        Assert.Equal(["Workflows:Distribution:LeaseSeconds: 30 must be longer than Workflows:Distribution:Smtp:TimeoutSeconds (30), or a message still being sent may be taken over and sent by another node too"],
            refused);

        // 4 workers sharing 400 rows: each sends 100 one after the other, renewing its lease while it does.
        Assert.Empty(Validate(new()
        {
            ["Workflows:Distribution:Workers"] = "4",
            ["Workflows:Distribution:BatchSize"] = "400",
            ["Workflows:Distribution:Smtp:TimeoutSeconds"] = "30",
            ["Workflows:Distribution:LeaseSeconds"] = "31",
        }));
    }
}
