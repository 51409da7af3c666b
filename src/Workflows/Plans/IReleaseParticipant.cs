using Workflows.Engine;
using Workflows.Kernel;

namespace Workflows.Plans;

/// <summary>
/// Takes part in a plan's release inside its transaction (e.g. distribution writes one outbox message per recipient).
/// Throwing <see cref="WorkflowException"/> refuses the release and everything before it in the transition.
/// </summary>
public interface IReleaseParticipant
{
    /// <summary>Does this participant's part of the release of <paramref name="plan"/> (as numbered, read in the release's unit of work).</summary>
    Task OnReleaseAsync(StepActionContext context, PlanRecord plan, CancellationToken cancellationToken);
}
