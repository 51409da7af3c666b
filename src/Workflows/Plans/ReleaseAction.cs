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
        var plan = await PlanStore.ReadAsync(context.Work, context.Plan.Id, cancellationToken);
        if (plan.Number is null)
            throw WorkflowException.Conflict("Kế hoạch chưa được cấp số, chưa phát hành được.");
        foreach (var participant in participants) await participant.OnReleaseAsync(context, plan, cancellationToken);
        PlanWrites.Release(context.Work, plan.Id, context.Now);
        context.Work.Audit(context.Now, context.Actor.UserName, "plan.released", context.Plan.Id, context.InstanceId, null,
            new { plan.Symbol });
        logger.LogInformation("Plan {PlanId} released as {Symbol} (transaction not yet committed)", plan.Id, plan.Symbol);
    }
}
