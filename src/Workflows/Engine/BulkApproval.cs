namespace Workflows.Engine;

/// <summary>The outcome of <see cref="WorkflowEngine.ApproveSeveralAsync"/>.</summary>
/// <param name="Approved">The tasks approved, in the order asked.</param>
/// <param name="Refused">For each task not approved, why in Vietnamese (the plan's subject and the engine's reason where known).</param>
public sealed record BulkApproval(IReadOnlyList<Guid> Approved, IReadOnlyList<string> Refused);
