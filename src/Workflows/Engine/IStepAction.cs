using Workflows.Kernel;

namespace Workflows.Engine;

/// <summary>
/// An automatic action a workflow definition can name in an action step (<c>"action": "issueNumber"</c>).
/// It runs inside the transaction of the transition that reaches it: what it writes commits or rolls back with it.
/// </summary>
public interface IStepAction
{
    /// <summary>The name used in definition files.</summary>
    string Name { get; }

    /// <summary>Does the action's work. Throwing <see cref="WorkflowException"/> refuses the whole transition.</summary>
    Task ExecuteAsync(StepActionContext context, CancellationToken cancellationToken);
}
