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

    public Task<WorkflowSubject?> LockAsync(UnitOfWork work, Guid id, CancellationToken cancellationToken) =>
        work.QuerySingleOrDefaultAsync<WorkflowSubject>("SELECT " + Columns + " FROM plans p WHERE p.id = @id FOR UPDATE", new { id }, cancellationToken);

    public void EnterStep(UnitOfWork work, Guid id, string status, string? step, DateTimeOffset now) => PlanWrites.EnterStep(work, id, status, step, now);

    public void SetRevision(UnitOfWork work, Guid id, int revision) => PlanWrites.SetRevision(work, id, revision);

    public void Sign(UnitOfWork work, Guid id, Signature signature) =>
        PlanWrites.Sign(work, id, JsonSerializer.Serialize(signature, JsonSerializerOptions.Web));
}
