using Microsoft.AspNetCore.Identity;

namespace Workflows.Host.Identity;

/// <summary>
/// The sign-in use case, shared by <c>POST /api/auth/login</c> and the page <c>/dang-nhap</c>. The password is a guess
/// counted by <see cref="PasswordGuesses"/> (the gate a password change's current password goes through as well): the
/// account name's own limit a minute, all addresses together, then the growing delay of this name from this address;
/// only then the password. An unknown name costs the same password hash as a known one and leaves the same record, so answer and
/// timing do not tell them apart. No failure count ever locks an account: the owner signing in from another address
/// is not slowed (the per-address limit of the rate limiter middleware is the other guard). Only an admin's "disable"
/// keeps a user out, and that is said only to someone who gave the right password.
/// </summary>
internal sealed class SignInService(
    UserManager<WorkflowUser> users,
    SignInManager<WorkflowUser> signIn,
    PasswordGuesses guesses)
{
    private static readonly Lock HashLock = new();
    private static string? _unknownUserHash;

    /// <summary>Tries <paramref name="userName"/> and <paramref name="password"/> from <paramref name="address"/>; sets the cookie on success.</summary>
    /// <exception cref="Npgsql.NpgsqlException">The database cannot be reached (the caller answers 503).</exception>
    public async Task<SignInOutcome> SignInAsync(string userName, string password, string address, CancellationToken ct)
    {
        var name = userName.Trim();
        if (await guesses.WaitBeforeAsync(name, address, ct) is { } wait) return new(SignInKind.TooSoon, wait);

        var user = await users.FindByNameAsync(name);
        var right = user is null ? VerifyAgainstUnknown(password) : await users.CheckPasswordAsync(user, password);
        if (!right || user is null)
        {
            await guesses.WrongAsync(name, address, ct);
            return new(SignInKind.Refused, TimeSpan.Zero);
        }
        await guesses.RightAsync(name, address, ct);
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
