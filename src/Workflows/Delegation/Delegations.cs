using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Workflows.Audit;
using Workflows.Definitions;
using Workflows.Kernel;
using Workflows.Organisation;
using Workflows.Storage;

namespace Workflows.Delegation;

/// <summary>
/// Delegation (ủy quyền, Nghị định 30/2020/NĐ-CP, Điều 13): a user records an absence with a delegate, a start and an end
/// (Vietnam dates, inclusive) and a scope (all definitions, or some); the tasks that arrive for the user in that window go
/// to the delegate (<see cref="DelegateForAsync"/>); a delegate acting for the body's head signs "TUQ." with the
/// delegation as its written authorisation (<see cref="SigningAuthorisationsAsync"/>), or "KT." when the delegate is the
/// head's deputy (the signing policy gives both forms to a deputy). A delegation ends by itself after its last day and is
/// never passed on: a delegate's own absence does not carry the tasks delegated to them. The only writer of the table
/// <c>delegations</c>; every change is audited (<c>delegation.created</c>, <c>delegation.cancelled</c>, <c>delegation.ended</c>)
/// in the transaction that makes it. The API (<c>/api/delegations</c>) and the page <c>/uy-quyen</c> call these methods.
/// </summary>
public sealed class Delegations
{
    /// <summary>Longest delegation, in calendar days from its first to its last day (a time-limited authorisation).</summary>
    public const int MaxDays = 366;

    private readonly NpgsqlDataSource _dataSource;
    private readonly WorkflowDefinitionCatalog _catalog;
    private readonly OrganisationOptions _organisation;
    private readonly TimeProvider _clock;

    /// <summary>Creates the use cases.</summary>
    public Delegations(NpgsqlDataSource dataSource, WorkflowDefinitionCatalog catalog, IOptions<OrganisationOptions> organisation, TimeProvider clock)
    {
        _dataSource = dataSource;
        _catalog = catalog;
        _organisation = organisation.Value;
        _clock = clock;
    }

    /// <summary>A colleague who may be chosen as delegate.</summary>
    /// <param name="UserName">Login name.</param>
    /// <param name="FullName">Full name.</param>
    /// <param name="Title">Job title; null when none.</param>
    public sealed record Colleague(string UserName, string FullName, string? Title);

    /// <summary>
    /// Records <paramref name="actor"/>'s absence with a delegate, audited as <c>delegation.created</c>.
    /// </summary>
    /// <returns>The delegation as stored.</returns>
    /// <remarks>Today (Vietnam date) and whether the delegate's account is locked out are read from the application's clock
    /// (the injected <see cref="TimeProvider"/>), not the database's.</remarks>
    /// <exception cref="WorkflowException">422 naming the field: no delegate, an unknown or disabled one, one of another
    /// body, oneself, or one who is away in that window themselves (<c>delegate</c>); a missing start or one before today
    /// (<c>startsOn</c>); a missing end, one before the start or more than <see cref="MaxDays"/> days after it
    /// (<c>endsOn</c>); an unknown definition (<c>definitions</c>); a reference over 200 characters (<c>reference</c>); an
    /// overlap with another delegation of the actor (<c>startsOn</c>).</exception>
    public async Task<DelegationRecord> CreateAsync(NewDelegation input, Actor actor, CancellationToken cancellationToken = default)
    {
        var now = _clock.GetUtcNow();
        var today = VietnamTime.ToVietnamDate(now);
        var delegateName = input.Delegate?.Trim();
        if (string.IsNullOrEmpty(delegateName)) throw Invalid("delegate", "Cần chọn người được ủy quyền.");
        if (string.Equals(delegateName, actor.UserName, StringComparison.OrdinalIgnoreCase)) throw Invalid("delegate", "Không tự ủy quyền cho chính mình.");
        if (input.StartsOn is not { } startsOn) throw Invalid("startsOn", "Cần ngày bắt đầu.");
        if (input.EndsOn is not { } endsOn) throw Invalid("endsOn", "Cần ngày kết thúc.");
        if (startsOn < today) throw Invalid("startsOn", $"Ngày bắt đầu không được trước hôm nay ({Text(today)}).");
        if (endsOn < startsOn) throw Invalid("endsOn", "Ngày kết thúc không được trước ngày bắt đầu.");
        if (endsOn.DayNumber - startsOn.DayNumber >= MaxDays) throw Invalid("endsOn", $"Ủy quyền có thời hạn: tối đa {MaxDays} ngày.");
        var definitions = (input.Definitions ?? []).Select(d => d.Trim()).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        foreach (var id in definitions)
        {
            if (_catalog.Current.All(d => d.Id != id || d.Kind != WorkflowDefinition.PlanApprovalKind))
                throw Invalid("definitions", $"Không có quy trình '{id}'.");
        }
        var reference = string.IsNullOrWhiteSpace(input.Reference) ? null : input.Reference.Trim();
        if (reference?.Length > 200) throw Invalid("reference", "Căn cứ ủy quyền dài quá 200 ký tự.");

        await using var work = await UnitOfWork.BeginAsync(_dataSource, cancellationToken);
        // One delegation at a time per person: concurrent requests of the same user wait for each other here.
        await work.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('delegations:' || @user))", new { user = actor.UserName }, cancellationToken);
        var colleague = await work.QuerySingleOrDefaultAsync<(string UserName, string FullName, string? Title, string BodyCode, bool Active)?>(
            $"""SELECT "UserName", "FullName", "Title", "BodyCode", {ActiveUser} FROM "AspNetUsers" WHERE "NormalizedUserName" = upper(@name)""",
            new { name = delegateName, now }, cancellationToken);
        if (colleague is not { } person || person.BodyCode != actor.BodyCode)
            throw Invalid("delegate", $"Không có người dùng '{delegateName}' trong cơ quan của bạn.");
        if (!person.Active) throw Invalid("delegate", $"Tài khoản của {person.FullName} đang bị khóa.");
        // A delegation of the user's, not cancelled, sharing a day with [startsOn, endsOn].
        Task<(DateOnly StartsOn, DateOnly EndsOn)?> AwayAsync(string user) => work.QuerySingleOrDefaultAsync<(DateOnly StartsOn, DateOnly EndsOn)?>(
            "SELECT starts_on, ends_on FROM delegations WHERE user_name = @user AND cancelled_at IS NULL AND starts_on <= @endsOn AND ends_on >= @startsOn LIMIT 1",
            new { user, startsOn, endsOn }, cancellationToken);
        if (await AwayAsync(actor.UserName) is { } o)
            throw Invalid("startsOn", $"Bạn đã ủy quyền từ {Text(o.StartsOn)} đến {Text(o.EndsOn)}, trùng thời gian này; hủy ủy quyền đó trước.");
        if (await AwayAsync(person.UserName) is { } a)
            throw Invalid("delegate", $"{person.FullName} cũng vắng từ {Text(a.StartsOn)} đến {Text(a.EndsOn)}; người được ủy quyền không được ủy quyền lại (Nghị định 30/2020, Điều 13), hãy chọn người khác.");

        var delegationId = Guid.NewGuid();
        var command = new NpgsqlBatchCommand(
            """
            INSERT INTO delegations (id, body_code, user_name, delegate, starts_on, ends_on, definitions, reference, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = delegationId });
        command.Parameters.Add(new NpgsqlParameter { Value = actor.BodyCode });
        command.Parameters.Add(new NpgsqlParameter { Value = actor.UserName });
        command.Parameters.Add(new NpgsqlParameter { Value = person.UserName });
        command.Parameters.Add(new NpgsqlParameter { Value = startsOn, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = endsOn, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = definitions.Length == 0 ? DBNull.Value : definitions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)reference ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        work.Queue(command);
        work.Audit(now, actor.UserName, "delegation.created", null, null, null,
            new { delegationId = delegationId, user = actor.UserName, @delegate = person.UserName, startsOn, endsOn, definitions, reference });
        await work.CommitAsync(cancellationToken);
        return new DelegationRecord(delegationId, actor.BodyCode, actor.UserName, actor.FullName, person.UserName, person.FullName, startsOn, endsOn,
            definitions, reference, now, null);
    }

    /// <summary>
    /// Cancels delegation <paramref name="id"/> (its giver, or an Admin of the body): it stops at once, audited as
    /// <c>delegation.cancelled</c>. Tasks handed to the delegate for the giver come back to the giver, who may complete
    /// them again (a delegate without the task's role no longer may).
    /// </summary>
    /// <exception cref="WorkflowException">No such delegation (404); someone else's (403); already cancelled or ended (409).</exception>
    public async Task CancelAsync(Guid id, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var work = await UnitOfWork.BeginAsync(_dataSource, cancellationToken);
        var row = await work.QuerySingleOrDefaultAsync<(string BodyCode, string UserName, DateOnly EndsOn, bool Cancelled)?>(
            "SELECT body_code, user_name, ends_on, cancelled_at IS NOT NULL FROM delegations WHERE id = @id FOR UPDATE", new { id }, cancellationToken)
            ?? throw new WorkflowException(ErrorKind.NotFound, "Ủy quyền không tồn tại.");
        if (row.BodyCode != actor.BodyCode || (row.UserName != actor.UserName && !actor.IsIn(Roles.Admin)))
            throw new WorkflowException(ErrorKind.Forbidden, "Chỉ người ủy quyền (hoặc quản trị) mới hủy được ủy quyền này.");
        if (row.Cancelled) throw new WorkflowException(ErrorKind.Conflict, "Ủy quyền này đã bị hủy.");
        if (row.EndsOn < VietnamTime.Today(_clock)) throw new WorkflowException(ErrorKind.Conflict, "Ủy quyền này đã hết hạn.");
        var now = _clock.GetUtcNow();
        work.Queue("UPDATE delegations SET cancelled_at = $1, cancelled_by = $2 WHERE id = $3", now, actor.UserName, id);
        work.Audit(now, actor.UserName, "delegation.cancelled", null, null, null, new { delegationId = id, user = row.UserName });
        await work.CommitAsync(cancellationToken);
    }

    /// <summary>The delegations <paramref name="actor"/> gave or received, newest first.</summary>
    public async Task<IReadOnlyList<DelegationRecord>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Row>(new CommandDefinition(
            Select + " WHERE d.body_code = @BodyCode AND (d.user_name = @UserName OR d.delegate = @UserName) ORDER BY d.starts_on DESC, d.created_at DESC",
            new { actor.BodyCode, actor.UserName }, cancellationToken: cancellationToken))).Select(r => r.ToRecord()).ToList();
    }

    /// <summary>
    /// The colleagues of <paramref name="actor"/>'s body (accounts not locked out at the application clock's instant, not
    /// the actor) who may be chosen as delegate, by full name.
    /// </summary>
    public async Task<IReadOnlyList<Colleague>> ColleaguesAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Colleague>(new CommandDefinition(
            $"""
            SELECT "UserName", "FullName", "Title" FROM "AspNetUsers"
            WHERE "BodyCode" = @BodyCode AND "UserName" <> @UserName AND {ActiveUser}
            ORDER BY "FullName"
            """, new { actor.BodyCode, actor.UserName, now = _clock.GetUtcNow() }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>
    /// The delegation that sends a task of definition <paramref name="definitionId"/> meant for <paramref name="userName"/>
    /// to someone else on <paramref name="today"/> (Vietnam date), read inside the caller's transaction; null when the user
    /// is not away or the delegation does not cover the definition. One step only: the delegate's own delegation is never
    /// followed (Nghị định 30/2020, Điều 13: the person authorised may not pass it on).
    /// </summary>
    public async Task<DelegationRecord?> DelegationForAsync(UnitOfWork work, string userName, string definitionId, DateOnly today, CancellationToken cancellationToken)
    {
        var row = await work.QuerySingleOrDefaultAsync<Row>(
            Select + $"""
             WHERE d.user_name = @userName AND {DelegationInForce.Sql("d", "@today", "@definitionId")}
            ORDER BY d.created_at DESC LIMIT 1
            """, new { userName, today, definitionId }, cancellationToken);
        return row?.ToRecord();
    }

    /// <summary>The delegate of <paramref name="userName"/> for a task of <paramref name="definitionId"/> on <paramref name="today"/>, or null (see <see cref="DelegationForAsync"/>).</summary>
    public async Task<string?> DelegateForAsync(UnitOfWork work, string userName, string definitionId, DateOnly today, CancellationToken cancellationToken) =>
        (await DelegationForAsync(work, userName, definitionId, today, cancellationToken))?.Delegate;

    /// <summary>
    /// The written authorisations to sign "TUQ." that <paramref name="actor"/>'s delegations give on <paramref name="today"/>
    /// for a plan of definition <paramref name="definitionId"/>: one per delegation held today from a person whose title is
    /// the head's title of the body (Nghị định 30/2020, Điều 13, khoản 4), as the signing policy reads them.
    /// </summary>
    public async Task<IReadOnlyList<SigningAuthorisation>> SigningAuthorisationsAsync(Actor actor, string definitionId, DateOnly today, CancellationToken cancellationToken)
    {
        var body = _organisation.IssuingBodies.FirstOrDefault(b => b.Code == actor.BodyCode);
        if (body is null) return [];
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            Select + $"""
             WHERE d.delegate = @UserName AND d.body_code = @BodyCode AND {DelegationInForce.Sql("d", "@today", "@definitionId")}
               AND upper(trim(u."Title")) = upper(trim(@head))
            """, new { actor.UserName, actor.BodyCode, today, definitionId, head = body.HeadTitle }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).Select(d => new SigningAuthorisation
        {
            UserName = actor.UserName,
            From = d.StartsOn,
            To = d.EndsOn,
            Reference = d.Reference is null ? $"ủy quyền của {d.UserFullName}" : $"{d.Reference}, ủy quyền của {d.UserFullName}",
        }).ToList();
    }

    /// <summary>
    /// Records, once, the end of every delegation whose last day is before <paramref name="today"/> (Vietnam date) and that
    /// was not cancelled: an audit record <c>delegation.ended</c> each (the delegation itself stopped at 24:00 of its last
    /// day whether or not this runs). Called by the morning job.
    /// </summary>
    /// <returns>How many ends were recorded.</returns>
    public async Task<int> RecordEndsAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        await using var work = await UnitOfWork.BeginAsync(_dataSource, cancellationToken);
        var ended = await work.QueryAsync<(Guid Id, string UserName, string Delegate, DateOnly EndsOn)>(
            """
            SELECT id, user_name, delegate, ends_on FROM delegations
            WHERE ends_on < @today AND cancelled_at IS NULL AND ended_recorded_at IS NULL
            ORDER BY ends_on FOR UPDATE SKIP LOCKED
            """, new { today }, cancellationToken);
        var now = _clock.GetUtcNow();
        foreach (var d in ended)
        {
            work.Queue("UPDATE delegations SET ended_recorded_at = $1 WHERE id = $2", now, d.Id);
            work.Audit(now, "system", "delegation.ended", null, null, null,
                new { delegationId = d.Id, user = d.UserName, @delegate = d.Delegate, endsOn = d.EndsOn });
        }
        await work.CommitAsync(cancellationToken);
        return ended.Count;
    }

    /// <summary>
    /// The account (<c>AspNetUsers</c>) is not locked out at <c>@now</c>, the instant of the application's clock (the
    /// injected <see cref="TimeProvider"/>), never the database's.
    /// </summary>
    private const string ActiveUser = """("LockoutEnd" IS NULL OR "LockoutEnd" <= @now)""";

    private const string Select =
        """
        SELECT d.id, d.body_code, d.user_name, coalesce(u."FullName", d.user_name) AS user_full_name, d.delegate,
               coalesce(g."FullName", d.delegate) AS delegate_full_name, d.starts_on, d.ends_on, d.definitions, d.reference,
               d.created_at, d.cancelled_at
        FROM delegations d
        LEFT JOIN "AspNetUsers" u ON u."UserName" = d.user_name
        LEFT JOIN "AspNetUsers" g ON g."UserName" = d.delegate
        """;

    private static WorkflowException Invalid(string field, string message) => new(ErrorKind.Invalid, message, field);

    private static string Text(DateOnly date) => date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

#pragma warning disable IDE1006 // column names as Dapper maps them
    private sealed class Row
    {
        public Guid id { get; init; }
        public string body_code { get; init; } = "";
        public string user_name { get; init; } = "";
        public string user_full_name { get; init; } = "";
        public string @delegate { get; init; } = "";
        public string delegate_full_name { get; init; } = "";
        public DateOnly starts_on { get; init; }
        public DateOnly ends_on { get; init; }
        public string[]? definitions { get; init; }
        public string? reference { get; init; }
        public DateTimeOffset created_at { get; init; }
        public DateTimeOffset? cancelled_at { get; init; }

        public DelegationRecord ToRecord() => new(id, body_code, user_name, user_full_name, @delegate, delegate_full_name,
            starts_on, ends_on, definitions ?? [], reference, created_at, cancelled_at);
    }
#pragma warning restore IDE1006
}
