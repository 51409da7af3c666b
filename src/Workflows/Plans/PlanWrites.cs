using Workflows.Storage;

namespace Workflows.Plans;

/// <summary>
/// The only writer of the <c>plans</c> table: creation, correction, the workflow's status, step, revision and signature,
/// issuance, release, recall and the completion of a reporting duty are statements built here and queued on the caller's
/// <see cref="UnitOfWork"/>, so they commit with the caller's audit records. Every update goes through one method,
/// which increments <c>row_version</c>: a writer that read the plan without locking it (<see cref="ReplaceDutyAsync"/>)
/// updates only the version it read, so a change in between is refused instead of overwritten.
/// </summary>
internal static class PlanWrites
{
    /// <summary>Queues the insert of a new draft plan of <paramref name="bodyCode"/>, its fields as stored (a JSON object).</summary>
    public static void Insert(UnitOfWork work, Guid id, string bodyCode, NewPlan plan, string fieldsJson, string createdBy, DateTimeOffset now) =>
        work.Queue(
            """
            INSERT INTO plans (id, body_code, document_type, subject, status, fields, document_name, document_media_type, document_content,
                               created_by, created_at, updated_at)
            VALUES ($1, $2, $3, $4, 'draft', $5::jsonb, $6, $7, $8, $9, $10, $10)
            """,
            id, bodyCode, plan.DocumentType, plan.Subject.Trim(), fieldsJson, plan.DocumentName, plan.DocumentMediaType, plan.DocumentContent,
            createdBy, now);

    /// <summary>Queues the drafter's correction of subject, type and fields (JSON object).</summary>
    public static void Correct(UnitOfWork work, Guid id, string subject, string documentType, string fieldsJson, DateTimeOffset now) =>
        Update(work, id, "subject = $1, document_type = $2, fields = $3::jsonb, updated_at = $4", subject, documentType, fieldsJson, now);

    /// <summary>Queues the plan's entering a workflow step: its status and current step (null once the instance ends).</summary>
    public static void EnterStep(UnitOfWork work, Guid id, string status, string? step, DateTimeOffset now) =>
        Update(work, id, "status = $1, current_step = $2, updated_at = $3", status, step, now);

    /// <summary>Queues the start of a revision round (1, 2…).</summary>
    public static void SetRevision(UnitOfWork work, Guid id, int revision) => Update(work, id, "revision = $1", revision);

    /// <summary>Queues the signature (JSON of the engine's signature record).</summary>
    public static void Sign(UnitOfWork work, Guid id, string signatureJson) => Update(work, id, "signing = $1::jsonb", signatureJson);

    /// <summary>Queues the issuance: number, year, symbol and date of issue; the plan becomes <c>issued</c>.</summary>
    public static void Issue(UnitOfWork work, Guid id, int number, int year, string symbol, DateOnly issuedOn) =>
        Update(work, id, "number = $1, issue_year = $2, symbol = $3, issued_on = $4, status = $5", number, year, symbol, issuedOn, PlanStatus.Issued);

    /// <summary>Queues the release at <paramref name="now"/>; the plan becomes <c>released</c>.</summary>
    public static void Release(UnitOfWork work, Guid id, DateTimeOffset now) =>
        Update(work, id, "status = $1, released_at = $2", PlanStatus.Released, now);

    /// <summary>Queues the recall (thu hồi) or replacement of a released plan; the plan becomes <c>recalled</c>.</summary>
    public static void Recall(UnitOfWork work, Guid id, DateTimeOffset now) =>
        Update(work, id, "status = $1, updated_at = $2", PlanStatus.Recalled, now);

    /// <summary>
    /// Replaces reporting duty <paramref name="index"/> with <paramref name="dutyJson"/> now, if the plan is still at
    /// <paramref name="rowVersion"/>, not released or rejected, and has that duty; false when it is not (nothing written).
    /// </summary>
    public static async Task<bool> ReplaceDutyAsync(UnitOfWork work, Guid id, int rowVersion, int index, string dutyJson, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        await work.ExecuteAsync(UpdateStatement(id,
            "fields = jsonb_set(fields, ARRAY['reportingDuties', $1::text], $2::jsonb), updated_at = $3",
            "row_version = $4 AND status NOT IN ('released', 'rejected') AND jsonb_array_length(fields -> 'reportingDuties') > $1",
            index, dutyJson, now, rowVersion), cancellationToken) == 1;

    private static void Update(UnitOfWork work, Guid id, string assignments, params object?[] values) =>
        work.Queue(UpdateStatement(id, assignments, null, values));

    /// <summary>The one statement that updates a plan row: the assignments use $1…$n, the id is $(n+1), row_version goes up by one.</summary>
    private static Npgsql.NpgsqlBatchCommand UpdateStatement(Guid id, string assignments, string? condition, params object?[] values)
    {
        var idParameter = values.Length + 1;
        var sql = $"UPDATE plans SET {assignments}, row_version = row_version + 1 WHERE id = ${idParameter}" +
            (condition is null ? "" : $" AND {condition}");
        return BatchStatement.Create(sql, [.. values, id]);
    }
}
