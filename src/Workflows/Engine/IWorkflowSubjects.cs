using Workflows.Storage;

namespace Workflows.Engine;

/// <summary>
/// What the engine needs of the documents its instances move (the plans), implemented by their owner (in the manner of
/// elsa-core's <c>Elsa.Workflows.Management/Contracts</c>): the engine never names the owner's types and never writes
/// its table; every change goes through these methods, queued on the transition's <see cref="UnitOfWork"/>.
/// </summary>
public interface IWorkflowSubjects
{
    /// <summary>
    /// For the engine's one-round-trip read of a task with its subject, both locked: the subject's columns, which map to
    /// <see cref="WorkflowSubject"/> and begin with <c>id</c> (e.g. <c>p.id, p.body_code, …</c>).
    /// </summary>
    string Columns { get; }

    /// <summary>The join that reaches the subject from a human task aliased <c>t</c>, e.g. <c>JOIN plans p ON p.id = t.plan_id</c>.</summary>
    string JoinFromTask { get; }

    /// <summary>The alias of the subject's table in <see cref="JoinFromTask"/>, for <c>FOR UPDATE OF</c>.</summary>
    string Alias { get; }

    /// <summary>
    /// A condition on the subject's row (aliased <see cref="Alias"/>) true when its columns of <see cref="Columns"/> but
    /// <c>id</c> equal the parameters <c>$first</c>, <c>$first+1</c>… in the order of <see cref="WorkflowSubject"/>'s
    /// members (<see cref="WorkflowSubject.BodyCode"/>, <see cref="WorkflowSubject.CreatedBy"/>,
    /// <see cref="WorkflowSubject.Status"/>, <see cref="WorkflowSubject.Revision"/>): the engine's check that the subject is
    /// still as it last saw it.
    /// </summary>
    string Unchanged(int first);

    /// <summary>Reads and locks the subject (until the unit of work ends); null when there is none with this id.</summary>
    Task<WorkflowSubject?> LockAsync(UnitOfWork work, Guid id, CancellationToken cancellationToken);

    /// <summary>Queues the subject's entering a step: its status and current step (null once the instance ends).</summary>
    void EnterStep(UnitOfWork work, Guid id, string status, string? step, DateTimeOffset now);

    /// <summary>Queues the start of revision round <paramref name="revision"/>.</summary>
    void SetRevision(UnitOfWork work, Guid id, int revision);

    /// <summary>The subject's facts a decision step reads, after the transition's earlier writes.</summary>
    Task<SubjectFacts> FactsAsync(UnitOfWork work, Guid id, CancellationToken cancellationToken);

    /// <summary>Queues the signer's signature.</summary>
    void Sign(UnitOfWork work, Guid id, Signature signature);
}
