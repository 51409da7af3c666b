using System.Security.Cryptography;
using Dapper;
using Npgsql;
using Workflows.Audit;
using Workflows.Distribution;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Storage;

namespace Workflows.Reporting.Submissions;

/// <summary>
/// The school's submissions and the office's handling of submission links, in PostgreSQL (migration 0210 on the
/// reporting contract 0200). A submission, its files, the request's submission times, its audit record and the receipt
/// email commit in one transaction.
/// </summary>
public sealed class SubmissionStore(NpgsqlDataSource dataSource, TimeProvider clock, Notifications.ReportingOwnerNotice ownerNotice)
{
    private const string SelectRequest = """
        SELECT r.id AS request_id, r.entry_id, r.school_name, r.address, r.token_revoked_at, r.first_submitted_at,
               r.last_submitted_at, r.submitted_late, p.id AS period_id, p.label AS period_label, p.cut_off_from, p.cut_off_to,
               p.due_on, p.deadline, p.closes_at, p.state AS period_state, s.id AS schedule_id, s.title, s.body_code,
               s.plan_id, pl.symbol AS plan_symbol, coalesce(pl.status = 'recalled', false) AS plan_recalled
        FROM report_requests r
        JOIN reporting_periods p ON p.id = r.period_id
        JOIN reporting_schedules s ON s.id = r.schedule_id
        LEFT JOIN plans pl ON pl.id = s.plan_id
        """;

    /// <summary>What <paramref name="token"/> opens at the current time, with the request's submissions.</summary>
    public async Task<TokenLookup> LookUpAsync(string? token, CancellationToken ct = default)
    {
        if (!ReportTokens.IsWellFormed(token)) return new TokenLookup(TokenState.Malformed, null);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var hash = ReportTokens.Hash(token!);
        var request = await connection.QuerySingleOrDefaultAsync<RequestView>(new CommandDefinition(
            SelectRequest + " WHERE r.token_hash = @hash", new { hash }, cancellationToken: ct));
        if (request is null)
        {
            var replaced = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
                "SELECT request_id FROM report_token_history WHERE token_hash = @hash", new { hash }, cancellationToken: ct));
            if (replaced is null) return new TokenLookup(TokenState.Unknown, null);
            request = await connection.QuerySingleAsync<RequestView>(new CommandDefinition(
                SelectRequest + " WHERE r.id = @replaced", new { replaced }, cancellationToken: ct));
            return new TokenLookup(TokenState.Revoked, request);
        }
        request.Submissions = await SubmissionsAsync(connection, null, request.RequestId, ct);
        return new TokenLookup(StateOf(request, clock.GetUtcNow()), request);
    }

    /// <summary>
    /// Stores a new version for the request of <paramref name="token"/>: its files (each checked by content), the
    /// request's <c>first_submitted_at</c> (first only), <c>last_submitted_at</c> and <c>submitted_late</c> (first only:
    /// after the deadline?), an audit record and the receipt email (category <c>receipt</c>, dedup key
    /// <c>receipt:{submissionId}</c>). Late submissions (after the deadline, before the period closes) are accepted; a late first
    /// submission, or one after an overdue notice, also tells the report's owner in the office (<see cref="Notifications.ReportingOwnerNotice"/>).
    /// </summary>
    /// <exception cref="SubmissionClosedException">The link is malformed, unknown, revoked or expired; nothing stored.</exception>
    /// <exception cref="WorkflowException">No file, or a file refused by <see cref="SubmissionFileTypes"/> (field <c>files</c>).</exception>
    public async Task<SubmissionReceipt> SubmitAsync(string token, IReadOnlyList<IncomingFile> files, string? note, string? submitterIp,
        string? userAgent, CancellationToken ct = default)
    {
        if (!ReportTokens.IsWellFormed(token)) throw new SubmissionClosedException(TokenState.Malformed);
        if (files.Count == 0) throw WorkflowException.Invalid("files", "Cần chọn ít nhất một tệp báo cáo.");
        var checkedFiles = files.Select(f => (File: f, Name: Path.GetFileName(f.FileName.Replace('\\', '/')), Type: SubmissionFileTypes.Check(f.FileName, f.Content))).ToList();
        if (checkedFiles.FirstOrDefault(f => !f.Type.Accepted) is { File: not null } refused)
            throw WorkflowException.Invalid("files", refused.Type.Error!);
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();

        await using var work = await UnitOfWork.BeginAsync(dataSource, ct);
        var hash = ReportTokens.Hash(token);
        var request = await work.QuerySingleOrDefaultAsync<RequestView>(
            SelectRequest + " WHERE r.token_hash = @hash FOR UPDATE OF r", new { hash }, ct)
            ?? throw new SubmissionClosedException(TokenState.Unknown);
        var now = clock.GetUtcNow();
        var state = StateOf(request, now);
        if (state != TokenState.Open) throw new SubmissionClosedException(state);

        var id = Guid.NewGuid();
        var late = now > request.Deadline;
        var version = await work.ExecuteScalarAsync<int>(
            "SELECT coalesce(max(version), 0) + 1 FROM report_submissions WHERE request_id = @RequestId", new { request.RequestId }, ct);
        work.Queue("""
            INSERT INTO report_submissions (id, request_id, version, submitted_at, note, late, submitter_ip, user_agent)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, id, request.RequestId, version, now, note, late, submitterIp, Truncate(userAgent, 500));
        var stored = new List<SubmittedFileView>();
        foreach (var (file, position) in checkedFiles.Select((f, i) => (f, i)))
        {
            var view = new SubmittedFileView
            {
                Id = Guid.NewGuid(), SubmissionId = id, FileName = file.Name, MediaType = file.Type.MediaType!,
                SizeBytes = file.File.Content.LongLength, Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.File.Content)),
            };
            work.Queue("""
                INSERT INTO report_submission_files (id, submission_id, position, file_name, media_type, size_bytes, sha256, content)
                VALUES ($1, $2, $3, $4, $5, $6, decode($7, 'hex'), $8)
                """, view.Id, view.SubmissionId, position, view.FileName, view.MediaType, view.SizeBytes, view.Sha256, file.File.Content);
            stored.Add(view);
        }
        ReportRequestWrites.MarkSubmitted(work, request.RequestId, late, now);

        var receipt = new SubmissionReceipt(id, version, now, late);
        OutboxWriter.Enqueue(work, new OutboxMessage(
            "receipt", request.Address, request.SchoolName, SubmissionTexts.ReceiptSubject(request),
            SubmissionTexts.ReceiptBody(request, receipt, stored, note), $"receipt:{id}", ReferenceId: request.RequestId, EntryId: request.EntryId));
        await ownerNotice.EnqueueAsync(work, request.RequestId, id, version, late, now, ct);
        work.Audit(now, $"school:{request.EntryId}", "report.submitted", request.PlanId, null, null, new
        {
            requestId = request.RequestId, submissionId = id, version, late, request.SchoolName, request.PeriodLabel,
            files = stored.Select(f => new { f.Id, f.FileName, f.MediaType, f.SizeBytes, f.Sha256 }),
        });
        await work.CommitAsync(ct);
        return receipt;
    }

    /// <summary>A request with every submitted version and its files, for an officer of the asking body.</summary>
    /// <exception cref="WorkflowException">404 unknown request; 403 another body's request.</exception>
    public async Task<RequestView> GetRequestAsync(Guid requestId, Actor actor, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var request = await connection.QuerySingleOrDefaultAsync<RequestView>(new CommandDefinition(
            SelectRequest + " WHERE r.id = @requestId", new { requestId }, cancellationToken: ct))
            ?? throw WorkflowException.NotFound("Yêu cầu báo cáo");
        RequireBody(actor, request.BodyCode);
        request.Submissions = await SubmissionsAsync(connection, null, requestId, ct);
        return request;
    }

    /// <summary>One submitted file with its content, for an officer of the asking body.</summary>
    /// <exception cref="WorkflowException">404 unknown file; 403 another body's file.</exception>
    public async Task<(SubmittedFileView File, byte[] Content)> GetFileAsync(Guid fileId, Actor actor, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<FileRow>(
            new CommandDefinition("""
                SELECT f.id, f.submission_id, f.file_name, f.media_type, f.size_bytes, f.sha256, f.content, s.body_code
                FROM report_submission_files f
                JOIN report_submissions sub ON sub.id = f.submission_id
                JOIN report_requests r ON r.id = sub.request_id
                JOIN reporting_schedules s ON s.id = r.schedule_id
                WHERE f.id = @fileId
                """, new { fileId }, cancellationToken: ct));
        if (row is null) throw WorkflowException.NotFound("Tệp báo cáo");
        RequireBody(actor, row.BodyCode);
        return (new SubmittedFileView
        {
            Id = row.Id, SubmissionId = row.SubmissionId, FileName = row.FileName, MediaType = row.MediaType, SizeBytes = row.SizeBytes,
            Sha256 = Convert.ToHexStringLower(row.Sha256),
        }, row.Content);
    }

    /// <summary>Revokes the request's link (it then opens a "revoked" page); returns when it was revoked (UTC).</summary>
    /// <exception cref="WorkflowException">404 unknown request; 403 another body's request.</exception>
    public async Task<DateTimeOffset> RevokeAsync(Guid requestId, Actor actor, CancellationToken ct = default)
    {
        await using var work = await UnitOfWork.BeginAsync(dataSource, ct);
        var request = await RequestForOfficeAsync(work, requestId, actor, ct);
        if (request.TokenRevokedAt is { } already) return already;
        var now = clock.GetUtcNow();
        ReportRequestWrites.RevokeLink(work, requestId, now);
        work.Audit(now, actor.UserName, "report.link-revoked", request.PlanId, null, null, new { requestId, request.SchoolName, request.PeriodLabel });
        await work.CommitAsync(ct);
        return now;
    }

    /// <summary>
    /// Gives the request a new link: a new token replaces the old one (which then opens a "revoked" page), and a new
    /// email carries the link (category <c>report-link</c>, body redacted once sent). The raw token is not returned.
    /// </summary>
    /// <param name="requestId">The request.</param>
    /// <param name="actor">The officer; of the schedule's body.</param>
    /// <param name="publicBaseUrl">Where schools reach the Host, e.g. <c>https://baocao.example.vn</c>.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowException">404 unknown request; 403 another body's request; 409 the period is closed.</exception>
    public async Task ReissueAsync(Guid requestId, Actor actor, string publicBaseUrl, CancellationToken ct = default)
    {
        await using var work = await UnitOfWork.BeginAsync(dataSource, ct);
        var request = await RequestForOfficeAsync(work, requestId, actor, ct);
        var now = clock.GetUtcNow();
        if (now >= request.ClosesAt || request.PeriodState == "closed")
            throw WorkflowException.Conflict("Kỳ báo cáo đã đóng; không cấp lại đường dẫn nộp báo cáo.");
        var (token, hash) = ReportTokens.Create();
        ReportRequestWrites.ReplaceLink(work, requestId, hash, now);
        OutboxWriter.Enqueue(work, new OutboxMessage(
            "report-link", request.Address, request.SchoolName, SubmissionTexts.ReissueSubject(request),
            SubmissionTexts.ReissueBody(request, ReportTokens.Link(publicBaseUrl, token)),
            $"report-link:{requestId}:{Convert.ToHexStringLower(hash)[..16]}", ReferenceId: requestId, EntryId: request.EntryId,
            RedactAfterSend: true));
        work.Audit(now, actor.UserName, "report.link-reissued", request.PlanId, null, null, new { requestId, request.SchoolName, request.PeriodLabel, request.Address });
        await work.CommitAsync(ct);
    }

    /// <summary>Open, recalled (its plan), revoked or expired at <paramref name="now"/>.</summary>
    private static TokenState StateOf(RequestView request, DateTimeOffset now) =>
        request.PlanRecalled ? TokenState.Recalled
        : request.TokenRevokedAt is not null ? TokenState.Revoked
        : now >= request.ClosesAt || request.PeriodState == "closed" ? TokenState.Expired
        : TokenState.Open;

    /// <summary>The request, locked in <paramref name="work"/>, checked to be of the actor's body.</summary>
    private static async Task<RequestView> RequestForOfficeAsync(UnitOfWork work, Guid requestId, Actor actor, CancellationToken ct)
    {
        var request = await work.QuerySingleOrDefaultAsync<RequestView>(SelectRequest + " WHERE r.id = @requestId FOR UPDATE OF r", new { requestId }, ct)
            ?? throw WorkflowException.NotFound("Yêu cầu báo cáo");
        RequireBody(actor, request.BodyCode);
        return request;
    }

    private static void RequireBody(Actor actor, string bodyCode)
    {
        if (actor.BodyCode != bodyCode) throw WorkflowException.Forbidden("Yêu cầu báo cáo này thuộc đơn vị khác.");
    }

    private static async Task<IReadOnlyList<SubmissionView>> SubmissionsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid requestId, CancellationToken ct)
    {
        var submissions = (await connection.QueryAsync<SubmissionView>(new CommandDefinition(
            "SELECT id, version, submitted_at, note, late FROM report_submissions WHERE request_id = @requestId ORDER BY version",
            new { requestId }, transaction, cancellationToken: ct))).AsList();
        if (submissions.Count == 0) return submissions;
        var files = (await connection.QueryAsync<SubmittedFileView>(new CommandDefinition("""
            SELECT f.id, f.submission_id, f.file_name, f.media_type, f.size_bytes, encode(f.sha256, 'hex') AS sha256
            FROM report_submission_files f JOIN report_submissions s ON s.id = f.submission_id
            WHERE s.request_id = @requestId ORDER BY s.version, f.position
            """, new { requestId }, transaction, cancellationToken: ct))).ToLookup(f => f.SubmissionId);
        foreach (var submission in submissions) submission.Files = files[submission.Id].ToList();
        return submissions;
    }

    private sealed class FileRow
    {
        public Guid Id { get; init; }
        public Guid SubmissionId { get; init; }
        public string FileName { get; init; } = "";
        public string MediaType { get; init; } = "";
        public long SizeBytes { get; init; }
        public byte[] Sha256 { get; init; } = [];
        public byte[] Content { get; init; } = [];
        public string BodyCode { get; init; } = "";
    }

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
