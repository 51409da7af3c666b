namespace Workflows.Engine;

/// <summary>
/// Whom a message about an open task is meant for before delegation is applied (<see cref="ITaskDelegation.RecipientsSql"/>):
/// the task's holder, or the holders of a role in a body (the role's queue, or the role an escalation notifies).
/// </summary>
/// <param name="Assignee">The person holding the task; null for a role's holders.</param>
/// <param name="OnBehalfOf">The absent person a delegate holds the task for (the task's <c>on_behalf_of</c>); null otherwise.</param>
/// <param name="Role">The role code whose holders are meant when <paramref name="Assignee"/> is null (e.g. <c>Signer</c>).</param>
/// <param name="BodyCode">The issuing body of the plan.</param>
/// <param name="DefinitionId">The definition the task belongs to (a delegation may cover only some definitions).</param>
/// <param name="Now">The instant the message is written (UTC); its Vietnam date decides which delegations are in force.</param>
public sealed record TaskAudience(string? Assignee, string? OnBehalfOf, string Role, string BodyCode, string DefinitionId, DateTimeOffset Now);
