using Workflows.Audit;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Plans;

namespace Workflows.Issuance;

/// <summary>
/// Automatic action <c>issueNumber</c>: gives the plan the next issuance number of its body for the current year
/// (Vietnam date) and dates it (Nghị định 30/2020, Điều 15: numbers run from 01 on 1 January to 31 December, per
/// issuing body). The counter row is locked until the transaction ends, so numbers are never duplicated, and a
/// rolled-back transition gives its number back, so none is skipped — also across several Host processes.
/// </summary>
internal sealed class IssueNumberAction : IStepAction
{
    public string Name => "issueNumber";

    public async Task ExecuteAsync(StepActionContext context, CancellationToken cancellationToken)
    {
        var plan = await PlanStore.ReadAsync(context.Work, context.Plan.Id, cancellationToken);
        if (plan.Number is not null)
            throw WorkflowException.Conflict($"Kế hoạch đã có số {plan.Symbol}.");
        var issuedOn = VietnamTime.ToVietnamDate(context.Now);
        var number = await context.Work.ExecuteScalarAsync<int>(
            """
            INSERT INTO issuance_counters (body_code, year, last_number) VALUES (@BodyCode, @Year, 1)
            ON CONFLICT (body_code, year) DO UPDATE SET last_number = issuance_counters.last_number + 1
            RETURNING last_number
            """,
            new { plan.BodyCode, issuedOn.Year }, cancellationToken);
        var symbol = DocumentSymbol.Format(number, plan.DocumentType, plan.BodyCode);
        PlanWrites.Issue(context.Work, plan.Id, number, issuedOn.Year, symbol, issuedOn);
        context.Work.Audit(context.Now, context.Actor.UserName, "plan.issued", context.Plan.Id, context.InstanceId, null,
            new { number, symbol, issuedOn });
    }
}
