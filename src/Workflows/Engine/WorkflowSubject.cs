namespace Workflows.Engine;

/// <summary>What the engine reads of the document an instance moves (see <see cref="IWorkflowSubjects"/>).</summary>
/// <param name="Id">The subject's id (a plan id).</param>
/// <param name="BodyCode">The issuing body it belongs to, e.g. <c>PGDĐT</c>.</param>
/// <param name="CreatedBy">User name of its drafter (the start step's assignee).</param>
/// <param name="Status">Its status, e.g. <see cref="Draft"/>, <see cref="Returned"/>, or a status a definition's step sets.</param>
/// <param name="Revision">Revision round: 0 before the first submission, then 1, 2….</param>
public sealed record WorkflowSubject(Guid Id, string BodyCode, string CreatedBy, string Status, int Revision)
{
    /// <summary>The status of a subject never submitted: submitting starts an instance.</summary>
    public const string Draft = "draft";

    /// <summary>The status of a subject returned to its drafter: submitting completes the revision task.</summary>
    public const string Returned = "returned";
}
