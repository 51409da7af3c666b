namespace Workflows.Engine;

/// <summary>One person a message about a task goes to (<see cref="ITaskDelegation.RecipientsAsync"/>).</summary>
/// <param name="User">The person: user name, full name, title, body, email address (null when none is recorded).</param>
/// <param name="Through">The delegation through which they receive it, acting for an absent holder; null when it is their own.</param>
/// <param name="DelegateLine">When <paramref name="Through"/> is set, the sentence the message carries, ending with a line break:
/// "Bạn nhận thư này với tư cách người được ủy quyền của {absent} theo {reference}, đến hết ngày {dd/MM/yyyy}."; null otherwise.</param>
public sealed record TaskRecipient(WorkflowUserInfo User, TaskDelegationGrant? Through, string? DelegateLine);
