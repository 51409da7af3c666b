using Dapper;
using Npgsql;

namespace Workflows.Storage;

/// <summary>
/// One PostgreSQL transaction and everything it writes: the statements its owners queue (<see cref="Queue(string, object?[])"/>),
/// its audit records and the outgoing messages it causes (queued by the Audit and Outbox owners on the same queue), and
/// <c>COMMIT</c>, sent in the same round trip as the last queued writes (<see cref="CommitAsync"/>). The shape of
/// Hangfire's <c>SqlServerWriteOnlyTransaction</c>: one queue, one owner of the transaction.
/// <para>
/// Reads and statements whose result the caller needs (<see cref="QueryAsync{T}"/>, <see cref="ExecuteAsync(string, object?, CancellationToken)"/>…)
/// run at once, inside the transaction, after the queue is sent (<see cref="FlushAsync"/>), so they always see the
/// writes queued before them; a caller that only queues and then commits pays one round trip for all of it.
/// </para>
/// Not thread-safe: one unit of work belongs to one operation. Disposing it without <see cref="CommitAsync"/> rolls
/// the transaction back and drops the queue.
/// </summary>
public sealed class UnitOfWork : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly List<NpgsqlBatchCommand> _pending = [];
    private readonly List<Action> _afterCommit = [];
    private readonly List<IQueuedRows> _rows = [];
    private bool _committed;

    private UnitOfWork(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>Opens a connection from <paramref name="dataSource"/> and begins a transaction (read committed).</summary>
    /// <exception cref="NpgsqlException">PostgreSQL cannot be reached.</exception>
    public static async Task<UnitOfWork> BeginAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new UnitOfWork(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Statements queued and not yet sent (the collectors' rows of <see cref="Rows{T}"/> not counted).</summary>
    public int Pending => _pending.Count;

    /// <summary>
    /// Queues <paramref name="sql"/> with <paramref name="values"/> as $1, $2… (null is SQL NULL, a
    /// <see cref="DateTimeOffset"/> is sent as UTC timestamptz); sent by the next flush, immediate command or commit.
    /// </summary>
    public void Queue(string sql, params object?[] values) => _pending.Add(BatchStatement.Create(sql, values));

    /// <summary>Queues a prepared batch command (parameters typed by the caller, e.g. arrays).</summary>
    public void Queue(NpgsqlBatchCommand command) => _pending.Add(command);

    /// <summary>
    /// This unit's collector of type <typeparamref name="T"/> (created on first use): an owner's rows gathered over the
    /// operation and written as one statement (<see cref="IQueuedRows.Take"/>) at the end of the next send, after the
    /// statements queued before it — so a transition's audit records cost one statement, not one each.
    /// </summary>
    public T Rows<T>() where T : class, IQueuedRows, new()
    {
        foreach (var rows in _rows)
            if (rows is T found) return found;
        var created = new T();
        _rows.Add(created);
        return created;
    }

    /// <summary>
    /// Runs <paramref name="action"/> right after the transaction has committed, in the order registered, and never
    /// when it rolls back: for effects outside PostgreSQL's transaction, such as scheduling a job for a row this
    /// transaction creates. A crash between the COMMIT and the action loses the action, so what it does must be
    /// recoverable from the committed rows (the reporting catch-up job runs every due step).
    /// </summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    /// <summary>Sends the queued statements, in order, in one round trip (nothing when the queue is empty).</summary>
    /// <exception cref="PostgresException">A statement failed; the transaction is then aborted.</exception>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await using var batch = TakeBatch();
        if (batch.BatchCommands.Count == 0) return;
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A batch of the queued statements, then each collector's statement; the queue and the collectors are emptied.</summary>
    private NpgsqlBatch TakeBatch()
    {
        var batch = new NpgsqlBatch(_connection, _transaction);
        foreach (var statement in _pending) batch.BatchCommands.Add(statement);
        _pending.Clear();
        foreach (var rows in _rows)
            if (rows.Take() is { } statement) batch.BatchCommands.Add(statement);
        return batch;
    }

    /// <summary>
    /// Sends the queued statements and <c>COMMIT</c> in one round trip. When any statement fails nothing is committed,
    /// the <see cref="PostgresException"/> is thrown and disposing the unit of work rolls the transaction back.
    /// </summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await using var batch = TakeBatch();
        // COMMIT as the batch's last statement: the server ends the transaction (Npgsql then sees the connection idle, so
        // the NpgsqlTransaction counts as completed and its disposal does nothing); on an error the server skips the rest,
        // COMMIT included, and the transaction is rolled back when the unit of work is disposed.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        _committed = true;
        foreach (var action in _afterCommit) action();
        _afterCommit.Clear();
    }

    /// <summary>Rows of <paramref name="sql"/> (Dapper parameters <c>@Name</c>), after sending the queue.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken);
        return (await _connection.QueryAsync<T>(Command(sql, parameters, cancellationToken))).AsList();
    }

    /// <summary>Rows of <paramref name="sql"/> mapped in two parts split at the column <paramref name="splitOn"/>, after sending the queue.</summary>
    public async Task<IReadOnlyList<TResult>> QueryAsync<TFirst, TSecond, TResult>(string sql, Func<TFirst, TSecond, TResult> map, object? parameters,
        string splitOn, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken);
        return (await _connection.QueryAsync(Command(sql, parameters, cancellationToken), map, splitOn)).AsList();
    }

    /// <summary>The single row of <paramref name="sql"/> or default when there is none, after sending the queue.</summary>
    /// <exception cref="InvalidOperationException">More than one row.</exception>
    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken);
        return await _connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters, cancellationToken));
    }

    /// <summary>The single row of <paramref name="sql"/>, after sending the queue.</summary>
    /// <exception cref="InvalidOperationException">No row, or more than one.</exception>
    public async Task<T> QuerySingleAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken);
        return await _connection.QuerySingleAsync<T>(Command(sql, parameters, cancellationToken));
    }

    /// <summary>The first column of the first row of <paramref name="sql"/>, after sending the queue.</summary>
    public async Task<T?> ExecuteScalarAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken);
        return await _connection.ExecuteScalarAsync<T>(Command(sql, parameters, cancellationToken));
    }

    /// <summary>Runs <paramref name="sql"/> now, after sending the queue; returns the rows it affected.</summary>
    public async Task<int> ExecuteAsync(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken);
        return await _connection.ExecuteAsync(Command(sql, parameters, cancellationToken));
    }

    /// <summary>Runs the prepared <paramref name="command"/> now, after sending the queue; returns the rows it affected.</summary>
    public async Task<int> ExecuteAsync(NpgsqlBatchCommand command, CancellationToken cancellationToken = default)
    {
        _pending.Add(command);
        await using var batch = TakeBatch();
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return command.RecordsAffected > int.MaxValue ? int.MaxValue : (int)command.RecordsAffected;
    }

    /// <summary>Runs the prepared <paramref name="command"/> now, after sending the queue, and maps each row it returns with <paramref name="map"/>.</summary>
    public async Task<IReadOnlyList<T>> ReadAsync<T>(NpgsqlBatchCommand command, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(_connection, _transaction);
        batch.BatchCommands.Add(command);
        var rows = new List<T>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add(map(reader));
        return rows;
    }

    /// <summary>
    /// Sends the queue, then lends the unit's connection and transaction to a library that runs its own commands — ASP.NET
    /// Core Identity's EF Core stores (<c>Database.SetDbConnection</c> and <c>UseTransaction</c>) — so that what it writes
    /// commits or rolls back with this unit's writes, audit records and messages. The borrower must neither commit, roll
    /// back nor close them, and must be done with them before <see cref="CommitAsync"/>.
    /// </summary>
    public async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)> LendAsync(CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken);
        return (_connection, _transaction);
    }

    /// <summary>Rolls back now (the queue is dropped); the unit of work can do nothing more.</summary>
    public async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        Drop();
        await _transaction.RollbackAsync(cancellationToken);
    }

    /// <summary>Rolls back unless committed, and returns the connection to the pool.</summary>
    public async ValueTask DisposeAsync()
    {
        Drop();
        if (!_committed) await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private void Drop()
    {
        _pending.Clear();
        foreach (var rows in _rows) rows.Take();
    }

    private CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, _transaction, cancellationToken: cancellationToken);
}
