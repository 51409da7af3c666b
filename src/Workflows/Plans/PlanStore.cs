using System.Text.Json;
using Dapper;
using Npgsql;
using Workflows.Audit;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Kernel.Plans;
using Workflows.Storage;

namespace Workflows.Plans;

/// <summary>Creates, reads and corrects plans; the workflow itself is moved by the engine (through <see cref="IWorkflowSubjects"/>).</summary>
public sealed class PlanStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>Document types accepted (Nghị định 30/2020, Phụ lục III) and CV for công văn.</summary>
    public static readonly IReadOnlySet<string> DocumentTypes = new HashSet<string> { "KH", "QĐ", "TB", "HD", "CTr", "BC", "CV" };

    /// <summary>
    /// True when <paramref name="actor"/> may draft plans (a Drafter): create or upload one, and keep drafts of their own.
    /// The rule of <see cref="CreateAsync"/> and of the uploads; the pages offer "Tải kế hoạch lên" and the drafts list by it.
    /// </summary>
    public static bool MayDraft(Actor actor) => actor.IsIn(Roles.Drafter);

    /// <summary>Creates a draft plan of the actor's body, with its creation audit record, in one transaction.</summary>
    /// <exception cref="WorkflowException">The actor is not a Drafter (403); bad subject or type, or a footnote mark that
    /// does not fit the body (422).</exception>
    public async Task<Guid> CreateAsync(NewPlan plan, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!MayDraft(actor)) throw WorkflowException.Forbidden("Chỉ chuyên viên mới tạo được kế hoạch.");
        Validate(plan.Subject, plan.DocumentType);
        var fields = FootnoteMarks.Validate(plan.Fields);
        var id = Guid.NewGuid();
        var now = clock.GetUtcNow();
        await using var work = await UnitOfWork.BeginAsync(dataSource, cancellationToken);
        PlanWrites.Insert(work, id, actor.BodyCode, plan, PlanFieldsJson.Serialize(fields), actor.UserName, now);
        work.Audit(now, actor.UserName, "plan.created", id, null, null, new { subject = plan.Subject.Trim(), plan.DocumentName });
        await work.CommitAsync(cancellationToken); // insert, audit record and COMMIT in one round trip
        return id;
    }

    /// <summary>
    /// Corrects a draft or returned plan's subject, type and fields (a null argument keeps the stored value; fields are
    /// replaced whole, see <see cref="PlanFieldsJson.Parse"/> for reading them from a request); only its
    /// drafter may. The footnote marks are kept consistent with the body (<see cref="FootnoteMarks.Reconcile"/>: fields
    /// without marks keep the stored ones, carried over to the new body). Returns the plan as stored after the change.
    /// </summary>
    /// <exception cref="WorkflowException">No such plan (404); another user or body (403); not draft or returned (409); bad
    /// input (422), among them a footnote mark that no longer fits the body (<c>fields.footnoteMarks…</c>).</exception>
    public async Task<PlanRecord> UpdateAsync(Guid id, string? subject, string? documentType, PlanFields? fields, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var work = await UnitOfWork.BeginAsync(dataSource, cancellationToken);
        var plan = await work.QuerySingleOrDefaultAsync<PlanRecord>(PlanQueries.SelectById + " FOR UPDATE", new { id }, cancellationToken)
            ?? throw WorkflowException.NotFound("Kế hoạch");
        if (plan.BodyCode != actor.BodyCode || plan.CreatedBy != actor.UserName)
            throw WorkflowException.Forbidden("Chỉ chuyên viên soạn thảo kế hoạch này mới sửa được.");
        if (plan.Status is not (PlanStatus.Draft or PlanStatus.Returned))
            throw WorkflowException.Conflict($"Kế hoạch đang ở trạng thái '{plan.Status}', không sửa được.");
        subject = (subject ?? plan.Subject).Trim();
        documentType ??= plan.DocumentType;
        fields = fields is null ? plan.Fields : FootnoteMarks.Reconcile(plan.Fields, fields);
        Validate(subject, documentType);
        var now = clock.GetUtcNow();
        PlanWrites.Correct(work, id, subject, documentType, PlanFieldsJson.Serialize(fields), now);
        work.Audit(now, actor.UserName, "plan.corrected", id, null, null, new { subject, documentType, revision = plan.Revision });
        await work.CommitAsync(cancellationToken);
        return plan with { Subject = subject, DocumentType = documentType, Fields = fields, UpdatedAt = now };
    }

    /// <summary>The plan as the unit of work sees it (with its queued writes), for an action or owner working inside it.</summary>
    /// <exception cref="InvalidOperationException">No such plan.</exception>
    internal static Task<PlanRecord> ReadAsync(UnitOfWork work, Guid id, CancellationToken cancellationToken) =>
        work.QuerySingleAsync<PlanRecord>(PlanQueries.SelectById, new { id }, cancellationToken);

    /// <summary>The plan, if the actor's body owns it.</summary>
    /// <exception cref="WorkflowException">No such plan (404); another body (403).</exception>
    public async Task<PlanRecord> GetAsync(Guid id, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var plan = await connection.QuerySingleOrDefaultAsync<PlanRecord>(new CommandDefinition(
            PlanQueries.SelectById, new { id }, cancellationToken: cancellationToken))
            ?? throw WorkflowException.NotFound("Kế hoạch");
        return plan.BodyCode == actor.BodyCode ? plan : throw WorkflowException.Forbidden("Kế hoạch thuộc cơ quan khác.");
    }

    /// <summary>The plans of the actor's body, newest first (at most <paramref name="limit"/>).</summary>
    public async Task<IReadOnlyList<PlanRecord>> ListAsync(Actor actor, int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<PlanRecord>(new CommandDefinition(
            PlanQueries.SelectById.Replace("WHERE id = @id", "WHERE body_code = @BodyCode ORDER BY created_at DESC LIMIT @limit", StringComparison.Ordinal),
            new { actor.BodyCode, limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// One page of the plans of the actor's body matching <paramref name="search"/>, with the total and the counts by
    /// status: one round trip, the fields JSON left out of the count.
    /// </summary>
    /// <exception cref="WorkflowException">An unknown sort (422, field <c>sort</c>).</exception>
    public async Task<PlanPage> SearchAsync(Actor actor, PlanSearch search, CancellationToken cancellationToken = default)
    {
        var order = (search.Sort ?? "moi-nhat") switch
        {
            "moi-nhat" or "" => "p.created_at DESC, p.id",
            "cu-nhat" => "p.created_at, p.id",
            "trich-yeu" => "p.subject, p.id",
            "so" => "p.issued_on DESC NULLS LAST, p.number DESC NULLS LAST, p.created_at DESC, p.id",
            _ => throw WorkflowException.Invalid("sort", "Chọn cách sắp xếp trong danh sách."),
        };
        var size = Math.Clamp(search.PageSize, 1, 200);
        var text = string.IsNullOrWhiteSpace(search.Text) ? null : "%" + EscapeLike(search.Text.Trim()) + "%";
        var type = string.IsNullOrWhiteSpace(search.DocumentType) ? null : search.DocumentType;
        var wanted = string.IsNullOrWhiteSpace(search.Status) ? null : search.Status;
        const string Where = """
            p.body_code = @BodyCode
              AND (@text::text IS NULL OR p.subject ILIKE @text OR coalesce(p.symbol, '') ILIKE @text)
              AND (@type::text IS NULL OR p.document_type = @type)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var counts = (await connection.QueryAsync<(string Status, int Count)>(new CommandDefinition(
            $"SELECT p.status, count(*)::int FROM plans p WHERE {Where} GROUP BY p.status",
            new { actor.BodyCode, text, type }, cancellationToken: cancellationToken))).ToDictionary(r => r.Status, r => r.Count);
        var total = wanted is null ? counts.Values.Sum() : counts.GetValueOrDefault(wanted);
        var pages = Math.Max(1, (total + size - 1) / size);
        var page = Math.Clamp(search.Page, 1, pages);
        var rows = await connection.QueryAsync<PlanRecord>(new CommandDefinition(
            $"SELECT {PlanQueries.Columns} FROM plans p WHERE {Where} AND (@wanted::text IS NULL OR p.status = @wanted) ORDER BY {order} LIMIT @size OFFSET @offset",
            new { actor.BodyCode, text, type, wanted, size, offset = (page - 1) * size }, cancellationToken: cancellationToken));
        return new PlanPage(rows.AsList(), total, page, size, counts);
    }

    /// <summary>
    /// Deletes a draft its drafter no longer wants: only the drafter who created it, only while it was never submitted
    /// (status <c>draft</c>, no workflow instance). The deletion is audited (<c>plan.deleted</c>, with the subject).
    /// </summary>
    /// <exception cref="WorkflowException">No such plan (404); another body's plan or another drafter's (403); a plan already submitted (409).</exception>
    public async Task DeleteDraftAsync(Guid id, Actor actor, CancellationToken cancellationToken = default)
    {
        var plan = await GetAsync(id, actor, cancellationToken);
        if (plan.CreatedBy != actor.UserName) throw WorkflowException.Forbidden("Chỉ người soạn mới xóa được bản thảo của mình.");
        var now = clock.GetUtcNow();
        await using var work = await UnitOfWork.BeginAsync(dataSource, cancellationToken);
        var deleted = await PlanWrites.DeleteDraftAsync(work, id, cancellationToken);
        if (!deleted) throw WorkflowException.Conflict("Kế hoạch đã trình, không còn là bản thảo nên không xóa được.");
        work.Audit(now, actor.UserName, "plan.deleted", id, null, null, new { subject = plan.Subject, plan.DocumentName });
        await work.CommitAsync(cancellationToken);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>The uploaded document of a plan, or null when it has none.</summary>
    /// <exception cref="WorkflowException">No such plan (404); another body (403).</exception>
    public async Task<(string Name, string MediaType, byte[] Content)?> DocumentAsync(Guid id, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string BodyCode, string? Name, string MediaType, byte[]? Content)?>(new CommandDefinition(
            "SELECT body_code, document_name, coalesce(document_media_type, 'application/octet-stream'), document_content FROM plans WHERE id = @id",
            new { id }, cancellationToken: cancellationToken)) ?? throw WorkflowException.NotFound("Kế hoạch");
        if (row.BodyCode != actor.BodyCode) throw WorkflowException.Forbidden("Kế hoạch thuộc cơ quan khác.");
        return row.Content is null ? null : (row.Name ?? "van-ban", row.MediaType, row.Content);
    }

    /// <summary>The plan's history from the audit trail, oldest first.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(DateTimeOffset At, string Actor, string Action, string Data)>(new CommandDefinition(
            "SELECT at, actor, action, data::text FROM audit_log WHERE plan_id = @id ORDER BY seq", new { id }, cancellationToken: cancellationToken));
        return rows.Select(r =>
        {
            using var data = JsonDocument.Parse(r.Data);
            string? Text(string name) => data.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            int? revision = data.RootElement.TryGetProperty("revision", out var rev) && rev.ValueKind == JsonValueKind.Number ? rev.GetInt32() : null;
            return new HistoryEntry(r.At, r.Actor, r.Action, Text("step"), Text("outcome"), Text("comment"), revision, r.Data);
        }).ToList();
    }

    private static void Validate(string subject, string documentType)
    {
        if (string.IsNullOrWhiteSpace(subject)) throw WorkflowException.Invalid("subject", "Cần nhập trích yếu (subject).");
        if (subject.Length > 1000) throw WorkflowException.Invalid("subject", "Trích yếu dài quá 1.000 ký tự.");
        if (!DocumentTypes.Contains(documentType))
            throw WorkflowException.Invalid("documentType", $"Loại văn bản '{documentType}' không hợp lệ; chọn một trong: {string.Join(", ", DocumentTypes.Select(t => $"{DocumentTypeNames.Name(t)} ({t})"))}.");
    }
}
