using System.Text.Json;
using Workflows.Engine;
using Workflows.Storage;

namespace Workflows.Plans;

/// <summary>The plans as the engine sees them (<see cref="IWorkflowSubjects"/>): reads and writes through the Plans owner.</summary>
internal sealed class PlanWorkflowSubjects : IWorkflowSubjects
{
    public string Columns => "p.id AS id, p.body_code AS bodycode, p.created_by AS createdby, p.status AS status, p.revision AS revision";

    public string JoinFromTask => "JOIN plans p ON p.id = t.plan_id";

    public string Alias => "p";

    public string Unchanged(int first) =>
        $"(p.body_code, p.created_by, p.status, p.revision) IS NOT DISTINCT FROM (${first}, ${first + 1}, ${first + 2}, ${first + 3})";

    public Task<WorkflowSubject?> LockAsync(UnitOfWork work, Guid id, CancellationToken cancellationToken) =>
        work.QuerySingleOrDefaultAsync<WorkflowSubject>("SELECT " + Columns + " FROM plans p WHERE p.id = @id FOR UPDATE", new { id }, cancellationToken);

    public void EnterStep(UnitOfWork work, Guid id, string status, string? step, DateTimeOffset now) => PlanWrites.EnterStep(work, id, status, step, now);

    public void SetRevision(UnitOfWork work, Guid id, int revision) => PlanWrites.SetRevision(work, id, revision);

    public Task<SubjectFacts> FactsAsync(UnitOfWork work, Guid id, CancellationToken cancellationToken) =>
        work.QuerySingleAsync<SubjectFacts>(
            """
            SELECT document_type AS documenttype, subject,
                   CASE WHEN jsonb_typeof(fields->'reportingDuties') = 'array' THEN jsonb_array_length(fields->'reportingDuties') ELSE 0 END AS reportingdutycount,
                   CASE WHEN jsonb_typeof(fields->'recipients') = 'array' THEN jsonb_array_length(fields->'recipients') ELSE 0 END AS recipientcount
            FROM plans WHERE id = @id
            """, new { id }, cancellationToken);

    public void Sign(UnitOfWork work, Guid id, Signature signature) =>
        PlanWrites.Sign(work, id, JsonSerializer.Serialize(signature, JsonSerializerOptions.Web));
}
