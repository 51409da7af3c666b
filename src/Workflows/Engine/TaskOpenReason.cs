namespace Workflows.Engine;

/// <summary>Why a human task gets a (new) holder.</summary>
public enum TaskOpenReason
{
    /// <summary>The instance reached the task's step (or a branch of a parallel step) and the task was created.</summary>
    Created,

    /// <summary>A supervisor reassigned the open task to another person or back to the role's queue.</summary>
    Reassigned,

    /// <summary>The task's escalation timer moved it to another role.</summary>
    Escalated,
}
