using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Workflows.Host.Security;

namespace Workflows.Host.Identity;

/// <summary>
/// ASP.NET Core's rate limiting (System.Threading.RateLimiting) per account name: at most
/// <see cref="SecurityOptions.SignInPerAccountPerMinute"/> attempts a minute for one name, from all addresses together,
/// on this node. The per-address limit is the rate limiter middleware's (<see cref="SecurityExtensions"/>).
/// </summary>
internal sealed class SignInLimiter(IOptions<SecurityOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.SignInPerAccountPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>One attempt for <paramref name="account"/> (trimmed, lower-cased); not acquired when over the limit.</summary>
    public RateLimitLease Acquire(string account) => _limiter.AttemptAcquire(account);

    public void Dispose() => _limiter.Dispose();
}
