using System.Net;
using System.Net.Sockets;

namespace Workflows.IntegrationTests.Security;

/// <summary>
/// One real Host process (Production) for the tests that depend on the network edge: addresses, cookies, headers,
/// proxies, Kestrel. Loopback is a whole /8, so a client can come from 127.0.0.2 (the configured TLS proxy), 127.0.0.3
/// (the monitoring network) or any other address of its own (its own rate limits and sign-in delays).
/// </summary>
public sealed class EdgeHost : IAsyncLifetime
{
    /// <summary>The address of the reverse proxy the Host believes.</summary>
    public const string Proxy = "127.0.0.2";

    /// <summary>An address in the network that may read health details.</summary>
    public const string Monitoring = "127.0.0.3";

    internal HostProcess Host { get; } = new(name: "edge", settings: new Dictionary<string, string?>
    {
        ["Workflows:Security:KnownProxies:0"] = Proxy,
        ["Workflows:Security:HealthDetailsNetworks:0"] = Monitoring + "/32",
        ["Workflows:Security:MinRequestBodyGraceSeconds"] = "2",
        ["Workflows:Security:SignInMaxDelaySeconds"] = "30",
        ["Workflows:Security:SignInPerAddressPerMinute"] = "10",
        ["Workflows:Security:SignInPerAddressBurst"] = "20",
        ["Workflows:Security:SignInPerAccountPerMinute"] = "12",
    });

    public async Task InitializeAsync() => await Host.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>A client whose connections leave from <paramref name="localAddress"/>, with a cookie jar of its own.</summary>
    internal HttpClient From(string localAddress, CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler
        {
            UseCookies = true,
            CookieContainer = cookies ?? new CookieContainer(),
            AllowAutoRedirect = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        })
        { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
}
