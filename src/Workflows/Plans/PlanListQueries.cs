using Dapper;
using Npgsql;

namespace Workflows.Plans;

/// <summary>Read-only lookups of plans for lists of other features (e.g. the reporting page names each schedule's plan).</summary>
internal sealed class PlanListQueries(NpgsqlDataSource dataSource)
{
    /// <summary>The subject of each plan of <paramref name="planIds"/> that exists.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> SubjectsAsync(Guid[] planIds, CancellationToken ct)
    {
        if (planIds.Length == 0) return new Dictionary<Guid, string>();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<(Guid Id, string Subject)>(new CommandDefinition(
            "SELECT id, subject FROM plans WHERE id = ANY(@planIds)", new { planIds }, cancellationToken: ct))).ToDictionary(r => r.Id, r => r.Subject);
    }
}
