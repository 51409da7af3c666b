using Microsoft.Extensions.Logging;
using Workflows.Audit;
using Workflows.Engine;
using Workflows.Kernel;

namespace Workflows.Plans;

/// <summary>
/// Automatic action <c>release</c> (phát hành, Nghị định 30/2020, Điều 18): marks a numbered plan released and lets
/// every <see cref="IReleaseParticipant"/> do its part in the same transaction.
/// </summary>
internal sealed class ReleaseAction(IEnumerable<IReleaseParticipant> participants,
    ILogger<ReleaseAction> logger) : IStepAction
{
    public string Name => "release";

    public async Task ExecuteAsync(StepActionContext context, CancellationToken cancellationToken)
    {
        if (context.Plan.Number is null)
            throw WorkflowException.Conflict("Kế hoạch chưa được cấp số, chưa phát hành được.");
        foreach (var participant in participants) await participant.OnReleaseAsync(context, cancellationToken);
        context.Work.Queue("UPDATE plans SET status = $1, released_at = $2 WHERE id = $3", PlanStatus.Released, context.Now, context.Plan.Id);
        context.Work.Audit(context.Now, context.Actor.UserName, "plan.released", context.Plan.Id, context.InstanceId, null,
            new { context.Plan.Symbol });
        logger.LogInformation("Plan {PlanId} released as {Symbol} (transaction not yet committed)", context.Plan.Id, context.Plan.Symbol);
    }
}
