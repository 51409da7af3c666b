using Workflows.IntegrationTests.Operations;

namespace Workflows.IntegrationTests.Security;

/// <summary>The security settings are checked before the Host starts, one line per bad value naming it.</summary>
public sealed class SecuritySettingsTests
{
    [Theory]
    [InlineData("Workflows:Security:KnownProxies:0", "proxy.office", "is not an IP address")]
    [InlineData("Workflows:Security:KnownNetworks:0", "10.0.0.0/99", "is not a network such as 10.0.0.0/8")]
    [InlineData("Workflows:Security:HealthDetailsNetworks:0", "monitoring", "is not a network such as 10.0.0.0/8")]
    [InlineData("Workflows:Security:SignInPerAddressPerMinute", "0", "out of range (1–10000)")]
    [InlineData("Workflows:Security:SignInMaxDelaySeconds", "năm phút", "is not a whole number")]
    [InlineData("Workflows:Security:MinRequestBodyBytesPerSecond", "0", "out of range")]
    [InlineData("Workflows:DevMail:Enabled", "có", "is not true or false")]
    public void A_bad_security_setting_is_reported_with_its_name_and_reason(string key, string value, string reason)
    {
        var problem = Assert.Single(SettingsCheck.Validate(new() { [key] = value }));
        Assert.StartsWith($"{key}: ", problem);
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void A_proxy_setup_with_a_monitoring_network_is_valid() => Assert.Empty(SettingsCheck.Validate(new()
    {
        ["Workflows:Security:KnownProxies:0"] = "10.0.0.5",
        ["Workflows:Security:KnownNetworks:0"] = "fd00::/8",
        ["Workflows:Security:HealthDetailsNetworks:0"] = "192.168.10.0/24",
        ["Workflows:Security:SignInPerAddressPerMinute"] = "300",
        ["Workflows:DevMail:Enabled"] = "false",
    }));
}
