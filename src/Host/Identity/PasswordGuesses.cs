using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Workflows.Access;
using Workflows.Host.Security;

namespace Workflows.Host.Identity;

/// <summary>
/// The one gate that counts a password guess, whether it is a sign-in (<see cref="SignInService"/>: <c>/dang-nhap</c>,
/// <c>POST /api/auth/login</c>) or the current password of a change (<see cref="PasswordChanges"/>:
/// <c>/doi-mat-khau</c>, <c>POST /api/account/password</c>). Both draw on the same counts, keyed by the account name
/// trimmed and lower-cased (<see cref="AccountOf"/>):
/// <list type="bullet">
/// <item>the account's own limit: at most <see cref="SecurityOptions.SignInPerAccountPerMinute"/> guesses (default 30)
/// in a fixed window of one minute, from all addresses together, counted in this node's memory (ASP.NET Core's rate
/// limiting, System.Threading.RateLimiting); every guess the gate admits or refuses for a delay takes one;</item>
/// <item>the growing delay of the name from one client address (<see cref="SignInFailureStore"/>, table
/// <c>sign_in_failures</c>, shared by the nodes): the first <see cref="SecurityOptions.SignInFreeFailures"/> wrong
/// guesses (default 3) cost nothing, then each doubles the wait, 1 s, 2 s, 4 s… up to
/// <see cref="SecurityOptions.SignInMaxDelaySeconds"/> (default 300 s); a right guess forgets the pair's failures, and
/// a pair quiet for a day starts again from zero.</item>
/// </list>
/// The per-address limit of the rate limiter middleware (<see cref="SecurityExtensions"/>) is the other guard, in front
/// of both. No count ever locks an account: another address is not slowed by this one's delay. Instants are UTC, from
/// the Host's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class PasswordGuesses(SignInFailureStore failures, IOptions<SecurityOptions> options, TimeProvider clock) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAccount = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.SignInPerAccountPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>The key the counts use for <paramref name="userName"/>: trimmed and lower-cased.</summary>
    public static string AccountOf(string userName) => userName.Trim().ToLowerInvariant();

    /// <summary>
    /// Admits one guess of <paramref name="userName"/>'s password from <paramref name="address"/> (the client's, see
    /// <see cref="ClientAddress"/>): takes one of the account's guesses of this minute, then looks at the pair's delay.
    /// </summary>
    /// <returns>
    /// Null when the password may be checked now; otherwise how long to wait before the next guess (the account is over
    /// its limit this minute, the rest of the window, or one minute when the limiter does not say; or the pair's delay
    /// has not passed). The caller answers 429 with <c>Retry-After</c> in whole seconds, without checking the password.
    /// </returns>
    /// <exception cref="Npgsql.NpgsqlException">The database cannot be reached (the caller answers 503).</exception>
    public async Task<TimeSpan?> WaitBeforeAsync(string userName, string address, CancellationToken ct)
    {
        var account = AccountOf(userName);
        using (var lease = _perAccount.AttemptAcquire(account))
            if (!lease.IsAcquired) return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var now = clock.GetUtcNow();
        return await failures.NotBeforeAsync(account, address, now, ct) is { } notBefore ? notBefore - now : null;
    }

    /// <summary>
    /// Counts a wrong guess (an unknown name as well) of the name from <paramref name="address"/>, committed at once on
    /// its own, whatever the caller's transaction does: the pair's next guess waits as the growing delay says.
    /// </summary>
    /// <exception cref="Npgsql.NpgsqlException">The database cannot be reached.</exception>
    public async Task WrongAsync(string userName, string address, CancellationToken ct)
    {
        var o = options.Value;
        await failures.RecordFailureAsync(AccountOf(userName), address, clock.GetUtcNow(), o.SignInFreeFailures, TimeSpan.FromSeconds(o.SignInMaxDelaySeconds), ct);
    }

    /// <summary>A right guess: forgets the failures of the name from <paramref name="address"/> (not from other addresses, not this minute's count).</summary>
    /// <exception cref="Npgsql.NpgsqlException">The database cannot be reached.</exception>
    public async Task RightAsync(string userName, string address, CancellationToken ct) =>
        await failures.ClearAsync(AccountOf(userName), address, ct);

    /// <summary>Releases the per-account limiter's timer.</summary>
    public void Dispose() => _perAccount.Dispose();
}
