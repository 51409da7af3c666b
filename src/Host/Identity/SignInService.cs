using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Workflows.Access;
using Workflows.Host.Security;

namespace Workflows.Host.Identity;

/// <summary>
/// The sign-in use case, shared by <c>POST /api/auth/login</c> and the page <c>/dang-nhap</c>. In order: the account
/// name's own rate limit (<see cref="SignInLimiter"/>, all addresses together), then the growing delay of this name
/// from this address (<see cref="SignInFailureStore"/>: after <see cref="SecurityOptions.SignInFreeFailures"/> failures
/// each next one doubles the wait, 1 s, 2 s, 4 s… up to <see cref="SecurityOptions.SignInMaxDelaySeconds"/>), then the
/// password. An unknown name costs the same password hash as a known one and leaves the same record, so answer and
/// timing do not tell them apart. No failure count ever locks an account: the owner signing in from another address
/// is not slowed (the per-address limit of the rate limiter middleware is the other guard). Only an admin's "disable"
/// keeps a user out, and that is said only to someone who gave the right password.
/// </summary>
internal sealed class SignInService(
    UserManager<WorkflowUser> users,
    SignInManager<WorkflowUser> signIn,
    SignInFailureStore failures,
    SignInLimiter limiter,
    IOptions<SecurityOptions> options,
    TimeProvider clock)
{
    private static readonly Lock HashLock = new();
    private static string? _unknownUserHash;

    /// <summary>Tries <paramref name="userName"/> and <paramref name="password"/> from <paramref name="address"/>; sets the cookie on success.</summary>
    /// <exception cref="Npgsql.NpgsqlException">The database cannot be reached (the caller answers 503).</exception>
    public async Task<SignInOutcome> SignInAsync(string userName, string password, string address, CancellationToken ct)
    {
        var name = userName.Trim();
        var account = name.ToLowerInvariant();
        using var lease = limiter.Acquire(account);
        if (!lease.IsAcquired)
            return new(SignInKind.TooSoon, lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1));
        var now = clock.GetUtcNow();
        if (await failures.NotBeforeAsync(account, address, now, ct) is { } notBefore)
            return new(SignInKind.TooSoon, notBefore - now);

        var user = await users.FindByNameAsync(name);
        var right = user is null ? VerifyAgainstUnknown(password) : await users.CheckPasswordAsync(user, password);
        if (!right || user is null)
        {
            var o = options.Value;
            await failures.RecordFailureAsync(account, address, now, o.SignInFreeFailures, TimeSpan.FromSeconds(o.SignInMaxDelaySeconds), ct);
            return new(SignInKind.Refused, TimeSpan.Zero);
        }
        await failures.ClearAsync(account, address, ct);
        if (await users.IsLockedOutAsync(user)) return new(SignInKind.Disabled, TimeSpan.Zero);
        await signIn.SignInAsync(user, isPersistent: false);
        return new(SignInKind.Succeeded, TimeSpan.Zero);
    }

    /// <summary>Spends the same work as checking a real password (same hasher, same iterations), and is always false.</summary>
    private bool VerifyAgainstUnknown(string password)
    {
        var probe = new WorkflowUser { UserName = "", FullName = "", BodyCode = "" };
        lock (HashLock) _unknownUserHash ??= users.PasswordHasher.HashPassword(probe, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        users.PasswordHasher.VerifyHashedPassword(probe, _unknownUserHash, password);
        return false;
    }
}
