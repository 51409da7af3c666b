using System.Net;

namespace Workflows.Host.Security;

/// <summary>
/// The settings under <c>Workflows:Security</c>: which proxies are believed, who sees health details, how sign-in is
/// slowed and how slow a request body may be. Every value is checked at start-up (<see cref="SecuritySettings"/>).
/// </summary>
internal sealed class SecurityOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Workflows:Security";

    /// <summary>Addresses of reverse proxies whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are believed (none by default).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/8</c>) of such proxies.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Networks (CIDR) whose callers see the checks of <c>/health/ready</c> without signing in (e.g. the monitoring host).</summary>
    public List<string> HealthDetailsNetworks { get; set; } = [];

    /// <summary>
    /// Sign-in attempts one client address may make per minute over time (all account names together; generous, since a
    /// whole office may sign in from behind one NAT address): a token bucket refilled evenly, one attempt at a time.
    /// </summary>
    public int SignInPerAddressPerMinute { get; set; } = 120;

    /// <summary>Sign-in attempts one client address may make in a burst before the per-minute rate applies.</summary>
    public int SignInPerAddressBurst { get; set; } = 30;

    /// <summary>Sign-in attempts per minute for one account name (all addresses together).</summary>
    public int SignInPerAccountPerMinute { get; set; } = 30;

    /// <summary>Consecutive failures of one account name from one address that cost no delay.</summary>
    public int SignInFreeFailures { get; set; } = 3;

    /// <summary>The longest delay, in seconds, between two attempts of one account name from one address.</summary>
    public int SignInMaxDelaySeconds { get; set; } = 300;

    /// <summary>Slowest request body accepted, in bytes per second after a grace period (Kestrel's minimum data rate).</summary>
    public int MinRequestBodyBytesPerSecond { get; set; } = 240;

    /// <summary>The grace period, in seconds, before <see cref="MinRequestBodyBytesPerSecond"/> applies.</summary>
    public int MinRequestBodyGraceSeconds { get; set; } = 5;

    /// <summary>The proxies as addresses (checked at start-up).</summary>
    public IEnumerable<IPAddress> ProxyAddresses() => KnownProxies.Select(IPAddress.Parse);

    /// <summary>The proxies' networks (checked at start-up).</summary>
    public IEnumerable<IPNetwork> ProxyNetworks() => KnownNetworks.Select(n => IPNetwork.Parse(n));

    /// <summary>True when <paramref name="address"/> is in one of <see cref="HealthDetailsNetworks"/>.</summary>
    public bool SeesHealthDetails(IPAddress? address)
    {
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return HealthDetailsNetworks.Select(n => IPNetwork.Parse(n)).Any(n => n.Contains(address));
    }
}
