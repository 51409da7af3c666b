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

    /// <summary>Creates a draft plan of the actor's body, with its creation audit record, in one transaction.</summary>
    /// <exception cref="WorkflowException">The actor is not a Drafter (403); bad subject or type (422).</exception>
    public async Task<Guid> CreateAsync(NewPlan plan, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!actor.IsIn(Roles.Drafter)) throw WorkflowException.Forbidden("Chỉ chuyên viên mới tạo được kế hoạch.");
        Validate(plan.Subject, plan.DocumentType);
        var id = Guid.NewGuid();
        var now = clock.GetUtcNow();
        await using var work = await UnitOfWork.BeginAsync(dataSource, cancellationToken);
        PlanWrites.Insert(work, id, actor.BodyCode, plan, PlanFieldsJson.Serialize(plan.Fields), actor.UserName, now);
        work.Audit(now, actor.UserName, "plan.created", id, null, null, new { subject = plan.Subject.Trim(), plan.DocumentName });
        await work.CommitAsync(cancellationToken); // insert, audit record and COMMIT in one round trip
        return id;
    }

    /// <summary>
    /// Corrects a draft or returned plan's subject, type and fields (a null argument keeps the stored value; fields are
    /// replaced whole, see <see cref="PlanFieldsJson.Parse"/> for reading them from a request); only its
    /// drafter may. Returns the plan as stored after the change.
    /// </summary>
    /// <exception cref="WorkflowException">No such plan (404); another user or body (403); not draft or returned (409); bad input (422).</exception>
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
        fields ??= plan.Fields;
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
