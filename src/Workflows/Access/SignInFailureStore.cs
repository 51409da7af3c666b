using Dapper;
using Npgsql;
using Workflows.Storage;

namespace Workflows.Access;

/// <summary>
/// The rows of <c>sign_in_failures</c> (migration 0520): consecutive failed sign-ins per account name and client
/// address, with the instant before which the next attempt of that pair is not even checked. Known and unknown account
/// names are recorded alike, so the answer never tells them apart. Times are UTC instants.
/// </summary>
public sealed class SignInFailureStore(NpgsqlDataSource dataSource)
{
    /// <summary>When the pair may try again, or null when it may now (no row, or its delay has passed).</summary>
    /// <param name="account">The account name as typed, trimmed and lower-cased.</param>
    /// <param name="address">The client address.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="NpgsqlException">The database cannot be reached.</exception>
    public async Task<DateTimeOffset?> NotBeforeAsync(string account, string address, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<DateTimeOffset?>(new CommandDefinition(
            "SELECT not_before FROM sign_in_failures WHERE account = @account AND address = @address AND not_before > @now",
            new { account, address, now }, cancellationToken: ct));
    }

    /// <summary>
    /// Counts one more failure of the pair and sets its next allowed instant: the first <paramref name="freeFailures"/>
    /// failures cost nothing, then each doubles the wait from one second up to <paramref name="maxDelay"/>. A pair
    /// quiet for a day starts again from zero. Returns the new failure count.
    /// </summary>
    /// <exception cref="NpgsqlException">The database cannot be reached.</exception>
    public async Task<int> RecordFailureAsync(string account, string address, DateTimeOffset now, int freeFailures, TimeSpan maxDelay, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // One statement: the new count, then the delay it earns (the first freeFailures cost nothing, then 1 s, 2 s, 4 s…).
        const string count = "CASE WHEN f.last_failure < @now - interval '1 day' THEN 1 ELSE f.failures + 1 END";
        static string NotBefore(string n) =>
            $"@now + make_interval(secs => CASE WHEN {n} <= @freeFailures THEN 0 ELSE least(@maxSeconds, power(2, least({n} - @freeFailures - 1, 30))) END)";
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition($"""
            INSERT INTO sign_in_failures AS f (account, address, failures, last_failure, not_before)
            VALUES (@account, @address, 1, @now, {NotBefore("1")})
            ON CONFLICT (account, address) DO UPDATE
            SET failures = {count}, last_failure = @now, not_before = {NotBefore(count)}
            RETURNING f.failures
            """, new { account, address, now, freeFailures, maxSeconds = maxDelay.TotalSeconds }, cancellationToken: ct));
    }

    /// <summary>Forgets the pair's failures (a successful sign-in).</summary>
    /// <exception cref="NpgsqlException">The database cannot be reached.</exception>
    public async Task ClearAsync(string account, string address, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM sign_in_failures WHERE account = @account AND address = @address", new { account, address }, cancellationToken: ct));
    }

    /// <summary>Queues forgetting the failed sign-ins of <paramref name="account"/> on <paramref name="work"/> (an admin's unlock, committed with its audit record).</summary>
    public static void ClearAccount(UnitOfWork work, string account) =>
        work.Queue("DELETE FROM sign_in_failures WHERE account = $1", account);

    /// <summary>The latest instant before which some address must wait to try the account, or null.</summary>
    /// <exception cref="NpgsqlException">The database cannot be reached.</exception>
    public async Task<DateTimeOffset?> SlowedUntilAsync(string account, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(
            "SELECT max(not_before) FROM sign_in_failures WHERE account = @account AND not_before > @now", new { account, now }, cancellationToken: ct));
    }
}
