using Dapper;
using Npgsql;
using Workflows.Storage;

namespace Workflows.Access;

/// <summary>
/// The rows of <c>auth_sessions</c> (migration 0520): one per sign-in, keyed by the random text the cookie carries,
/// holding the protected ticket bytes (the Host encrypts them before they come here). Every node reads the same rows,
/// so deleting them ends the sessions everywhere on the next request. Times are UTC instants.
/// </summary>
public sealed class SessionStore(NpgsqlDataSource dataSource)
{
    /// <summary>Stores a new session.</summary>
    /// <param name="key">The cookie's key (random, URL-safe).</param>
    /// <param name="userId">The Identity user id the ticket is for.</param>
    /// <param name="ticket">The protected ticket.</param>
    /// <param name="expiresAt">When the ticket expires (null: never by itself).</param>
    /// <param name="now">The current instant.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="NpgsqlException">The database cannot be reached.</exception>
    public async Task AddAsync(string key, string userId, byte[] ticket, DateTimeOffset? expiresAt, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO auth_sessions (key, user_id, ticket, expires_at, created_at, renewed_at)
            VALUES (@key, @userId, @ticket, @expiresAt, @now, @now)
            """, new { key, userId, ticket, expiresAt, now }, cancellationToken: ct));
    }

    /// <summary>Replaces a session's ticket (sliding expiration renewed it); a session deleted meanwhile stays deleted.</summary>
    /// <exception cref="NpgsqlException">The database cannot be reached.</exception>
    public async Task RenewAsync(string key, byte[] ticket, DateTimeOffset? expiresAt, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE auth_sessions SET ticket = @ticket, expires_at = @expiresAt, renewed_at = @now WHERE key = @key",
            new { key, ticket, expiresAt, now }, cancellationToken: ct));
    }

    /// <summary>The protected ticket of a session that exists and has not expired at <paramref name="now"/>, else null.</summary>
    /// <exception cref="NpgsqlException">The database cannot be reached.</exception>
    public async Task<byte[]?> FindAsync(string key, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<byte[]?>(new CommandDefinition(
            "SELECT ticket FROM auth_sessions WHERE key = @key AND (expires_at IS NULL OR expires_at > @now)",
            new { key, now }, cancellationToken: ct));
    }

    /// <summary>Ends one session (sign-out).</summary>
    /// <exception cref="NpgsqlException">The database cannot be reached.</exception>
    public async Task RemoveAsync(string key, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM auth_sessions WHERE key = @key", new { key }, cancellationToken: ct));
    }

    /// <summary>Ends every session of a user (disabled, password reset, roles changed); returns how many there were.</summary>
    /// <exception cref="NpgsqlException">The database cannot be reached.</exception>
    public async Task<int> RemoveAllOfUserAsync(string userId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM auth_sessions WHERE user_id = @userId", new { userId }, cancellationToken: ct));
    }

    /// <summary>Queues the end of every session of a user on <paramref name="work"/>: they end when its transaction commits (an account change and its audit record).</summary>
    public static void RemoveAllOfUser(UnitOfWork work, string userId) =>
        work.Queue("DELETE FROM auth_sessions WHERE user_id = $1", userId);

    /// <summary>
    /// Queues the end of every session of a user but <paramref name="keepKey"/> on <paramref name="work"/> (a user's own
    /// password change: their other sessions end when its transaction commits, the one they changed it in goes on).
    /// </summary>
    public static void RemoveOthersOfUser(UnitOfWork work, string userId, string keepKey) =>
        work.Queue("DELETE FROM auth_sessions WHERE user_id = $1 AND key <> $2", userId, keepKey);

    /// <summary>The number of live sessions of a user at <paramref name="now"/>.</summary>
    /// <exception cref="NpgsqlException">The database cannot be reached.</exception>
    public async Task<int> CountOfUserAsync(string userId, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM auth_sessions WHERE user_id = @userId AND (expires_at IS NULL OR expires_at > @now)",
            new { userId, now }, cancellationToken: ct));
    }

    /// <summary>Deletes sessions that expired a week before <paramref name="now"/> or earlier (a week of slack for nodes whose clocks differ); returns how many.</summary>
    /// <exception cref="NpgsqlException">The database cannot be reached.</exception>
    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM auth_sessions WHERE expires_at <= @now - interval '7 days'", new { now }, cancellationToken: ct));
    }
}
