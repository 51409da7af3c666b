using Npgsql;

namespace Workflows.Storage;

/// <summary>
/// Rows an owner gathers on a <see cref="UnitOfWork"/> (<see cref="UnitOfWork.Rows{T}"/>) and writes as one statement when
/// the unit next sends its queue; its SQL stays in the owner's folder. An implementation needs a public parameterless
/// constructor: the unit creates one per transaction.
/// </summary>
public interface IQueuedRows
{
    /// <summary>The statement writing every row gathered since the last call, or null when there is none; forgets them.</summary>
    NpgsqlBatchCommand? Take();
}
