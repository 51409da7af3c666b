namespace Workflows.Engine;

/// <summary>Who holds a human task.</summary>
/// <param name="Assignee">The user name of the one person who may complete it; null: anyone holding the task's role in the
/// plan's body (the role's queue), until one of them claims it.</param>
/// <param name="OnBehalfOf">The user name of the person the task was meant for when someone else holds it in their place
/// (a delegate); null otherwise.</param>
public sealed record TaskAssignment(string? Assignee, string? OnBehalfOf)
{
    /// <summary>The role's queue: nobody in particular.</summary>
    public static TaskAssignment Queue { get; } = new(null, null);
}
