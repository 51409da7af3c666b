using Npgsql;
using Workflows.Audit;
using Workflows.Storage;

namespace Workflows.Host.Identity;

/// <summary>
/// Writes an admin's change to a user account to the audit trail, in its own transaction on the app's data source,
/// once Identity's change has succeeded (Identity keeps its own connection, so the two cannot share a transaction).
/// Callers never pass a password.
/// </summary>
internal sealed class UserAuditLog(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>Appends one record, e.g. <c>user.created</c>, by <paramref name="actor"/> (user name) about <paramref name="userName"/>.</summary>
    public async Task WriteAsync(string actor, string action, string userName, object? details, CancellationToken cancellationToken)
    {
        await using var work = await UnitOfWork.BeginAsync(dataSource, cancellationToken);
        work.Audit(clock.GetUtcNow(), actor, action, null, null, null, new { userName, details });
        await work.CommitAsync(cancellationToken);
    }
}
