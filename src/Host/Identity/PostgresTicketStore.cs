using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Workflows.Access;

namespace Workflows.Host.Identity;

/// <summary>
/// Keeps the sign-in tickets on the server, in PostgreSQL (<see cref="SessionStore"/>, table <c>auth_sessions</c>):
/// the cookie carries only a random key, the ticket is stored encrypted with the Data Protection key ring (itself in
/// the database). Every request reads its row, so a deleted row — sign-out, or <see cref="EndSessionsAsync"/> after
/// disabling, a password reset or a change of roles — ends the session at once on every node. Expired rows are
/// purged when someone signs in.
/// </summary>
internal sealed class PostgresTicketStore(SessionStore sessions, IDataProtectionProvider protection, TimeProvider clock) : ITicketStore
{
    private readonly IDataProtector _protector = protection.CreateProtector("Workflows.AuthSessions.v1");

    /// <summary>Ends every session of <paramref name="userId"/> on every node; returns how many there were.</summary>
    /// <exception cref="Npgsql.NpgsqlException">The database cannot be reached.</exception>
    public Task<int> EndSessionsAsync(string userId, CancellationToken ct) => sessions.RemoveAllOfUserAsync(userId, ct);

    /// <summary>
    /// The key of the session the request was authenticated with (read from its cookie and found in the store), or null:
    /// the cookie handler renews that key when the request signs in again (<see cref="PasswordChanges"/>).
    /// </summary>
    public static string? CurrentKey(HttpContext context) => context.Items[SessionKeyItem] as string;

    private const string SessionKeyItem = "workflows.session-key";

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, null!, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var key = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        await sessions.PurgeExpiredAsync(now, cancellationToken);
        await sessions.AddAsync(key, UserId(ticket), Protect(ticket), ticket.Properties.ExpiresUtc, now, cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) => RenewAsync(key, ticket, null!, cancellationToken);

    public Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken) =>
        sessions.RenewAsync(key, Protect(ticket), ticket.Properties.ExpiresUtc, clock.GetUtcNow(), cancellationToken);

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) => RetrieveAsync(key, null!, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (await sessions.FindAsync(key, clock.GetUtcNow(), cancellationToken) is not { } bytes) return null;
        try
        {
            var ticket = TicketSerializer.Default.Deserialize(_protector.Unprotect(bytes));
            if (ticket is not null && httpContext is not null) httpContext.Items[SessionKeyItem] = key;
            return ticket;
        }
        catch (CryptographicException)
        {
            // A row protected with a key that is gone (key ring replaced): the session is over, as if deleted.
            await sessions.RemoveAsync(key, cancellationToken);
            return null;
        }
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null!, cancellationToken);

    public Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken) => sessions.RemoveAsync(key, cancellationToken);

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private static string UserId(AuthenticationTicket ticket) =>
        ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A sign-in ticket without a user id.");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
