using Dapper;
using Npgsql;

namespace Workflows.Plans.Documents;

/// <summary>Reads of the issued PDF.</summary>
internal sealed class IssuedDocumentQueries(NpgsqlDataSource dataSource)
{
    /// <summary>The issued PDF of plan <paramref name="planId"/> and its stage (<c>signed</c>, <c>sealed</c>); null when none was made.</summary>
    public async Task<(byte[] Content, string Stage)?> ReadAsync(Guid planId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(byte[] Content, string Stage)?>(new CommandDefinition(
            "SELECT content, stage FROM issued_documents WHERE plan_id = @planId", new { planId }, cancellationToken: cancellationToken));
        return row;
    }
}
