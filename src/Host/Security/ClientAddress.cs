namespace Workflows.Host.Security;

/// <summary>The caller's address as the rate limits and the sign-in delays key it (after forwarded headers from a known proxy).</summary>
internal static class ClientAddress
{
    /// <summary>The remote IP address as text (IPv4-mapped IPv6 as IPv4), or <c>unknown</c> (an in-memory test server).</summary>
    public static string Of(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        var address => address.ToString(),
    };
}
