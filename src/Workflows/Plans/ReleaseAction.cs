using Dapper;
using Microsoft.Extensions.Logging;
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
        await context.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE plans SET status = @status, released_at = @Now WHERE id = @Id",
            new { status = PlanStatus.Released, context.Now, context.Plan.Id }, context.Transaction, cancellationToken: cancellationToken));
        context.Audit.Add(context.Now, context.Actor.UserName, "plan.released", context.Plan.Id, context.InstanceId, null,
            new { context.Plan.Symbol });
        logger.LogInformation("Plan {PlanId} released as {Symbol} (transaction not yet committed)", context.Plan.Id, context.Plan.Symbol);
    }
}
