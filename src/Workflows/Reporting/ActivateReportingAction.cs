using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflows.Audit;
using Workflows.Calendar;
using Workflows.Definitions;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Kernel.Plans;
using Workflows.Plans;

namespace Workflows.Reporting;

/// <summary>
/// Automatic action <c>activateReporting</c>, after <c>release</c>: turns each of the plan's reporting duties
/// (<see cref="PlanFields.ReportingDuties"/>, as the reader found them and the drafter completed them) into a reporting schedule
/// with its periods, in the release transaction, with one audit record. A duty with <c>"schedule": false</c> is skipped;
/// one still <c>unspecified</c>, or lacking its due day, refuses the release (422 naming <c>reportingDuties[i].…</c>).
/// Defaults: the plan's year, the configured target group, the title "Báo cáo kết quả thực hiện Kế hoạch số …".
/// </summary>
internal sealed class ActivateReportingAction(IServiceProvider services, ReportingScheduleStore store, IOptions<ReportingOptions> options) : IStepAction
{
    public string Name => "activateReporting";

    public async Task ExecuteAsync(StepActionContext context, CancellationToken cancellationToken)
    {
        var plan = await PlanStore.ReadAsync(context.Work, context.Plan.Id, cancellationToken);
        var duties = plan.Fields.ReportingDuties;
        if (duties.Count == 0) return;
        var year = plan.IssuedOn?.Year ?? VietnamTime.ToVietnamDate(context.Now).Year;
        var defaultTitle = $"Báo cáo kết quả thực hiện Kế hoạch số {plan.Symbol}";
        WorkflowDefinition? definition = null;
        var created = new List<object>();
        for (var index = 0; index < duties.Count; index++)
        {
            var prefix = $"reportingDuties[{index}].";
            if (!duties[index].IsScheduled) continue;
            var input = ScheduleInput.FromDuty(duties[index]);
            var schedule = SchedulePlanner.Check(input, prefix, year, defaultTitle, options.Value);
            var target = await store.CheckTargetAsync(context.Work, input.Target, prefix, cancellationToken);
            definition ??= services.GetRequiredService<WorkflowDefinitionCatalog>()
                .LatestOfKind(options.Value.DefinitionId, WorkflowDefinition.ReportSubmissionKind);
            var result = await store.InsertAsync(context.Work, schedule, target, plan.Id, index,
                plan.BodyCode, definition, context.Actor.UserName, context.Now, cancellationToken);
            if (result is { } r)
                created.Add(new { scheduleId = r.Id, dutyIndex = index, schedule.Title, frequency = ReportingFrequencies.ToApi(schedule.Frequency), periods = r.Periods });
        }
        if (created.Count > 0)
            context.Work.Audit(context.Now, context.Actor.UserName, "reporting.activated", context.Plan.Id, context.InstanceId, null, new { schedules = created });
    }
}
