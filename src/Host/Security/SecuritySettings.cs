using System.Net;

namespace Workflows.Host.Security;

/// <summary>The start-up check of <see cref="SecurityOptions"/>: each problem as <c>NAME: reason</c>.</summary>
internal static class SecuritySettings
{
    /// <summary>The problems found in <c>Workflows:Security</c> and <c>Workflows:DevMail</c>; empty when usable.</summary>
    public static IEnumerable<string> Validate(IConfiguration configuration)
    {
        var s = SecurityOptions.Section;
        foreach (var proxy in configuration.GetSection($"{s}:KnownProxies").GetChildren())
            if (!IPAddress.TryParse(proxy.Value, out _)) yield return $"{s}:KnownProxies:{proxy.Key}: '{proxy.Value}' is not an IP address";
        foreach (var name in new[] { "KnownNetworks", "HealthDetailsNetworks" })
            foreach (var network in configuration.GetSection($"{s}:{name}").GetChildren())
                if (!IPNetwork.TryParse(network.Value ?? "", out _)) yield return $"{s}:{name}:{network.Key}: '{network.Value}' is not a network such as 10.0.0.0/8";
        foreach (var (name, min, max) in new[]
                 {
                     ("SignInPerAddressPerMinute", 1, 10_000), ("SignInPerAddressBurst", 1, 10_000), ("SignInPerAccountPerMinute", 1, 10_000), ("SignInFreeFailures", 0, 100),
                     ("SignInMaxDelaySeconds", 1, 86_400), ("MinRequestBodyBytesPerSecond", 1, 1_000_000), ("MinRequestBodyGraceSeconds", 1, 600),
                 })
        {
            if (configuration[$"{s}:{name}"] is not { Length: > 0 } raw) continue;
            if (!int.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
                yield return $"{s}:{name}: '{raw}' is not a whole number";
            else if (value < min || value > max) yield return $"{s}:{name}: {value} is out of range ({min}–{max})";
        }
        if (configuration[DevMailAccess.EnabledSetting] is { Length: > 0 } enabled && !bool.TryParse(enabled, out _))
            yield return $"{DevMailAccess.EnabledSetting}: '{enabled}' is not true or false";
    }
}
