using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflows.Audit;
using Workflows.Calendar;
using Workflows.Definitions;
using Workflows.Distribution;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Kernel.Plans;
using Workflows.Organisation;
using Workflows.Plans;

namespace Workflows.Reporting;

/// <summary>
/// Automatic action <c>activateReporting</c>, after <c>release</c>: turns each of the plan's reporting duties
/// (<see cref="PlanFields.ReportingDuties"/>, as the reader found them and the drafter completed them) into what its
/// reporter calls for (<see cref="DutyAudiences"/>), in the release transaction, with one audit record: a duty of
/// schools or outside bodies becomes a reporting schedule with its periods; a duty of the office's own unit becomes
/// reminders to that unit (<see cref="InternalDutyReminders"/>), never a request to a school. A duty with
/// <c>"schedule": false</c> is skipped; one still <c>unspecified</c>, lacking its due day, or whose reporter the
/// directory cannot resolve, refuses the release (422 naming <c>reportingDuties[i].…</c> and the duty).
/// Defaults: the plan's year, the configured target group for a duty without reporter, the title
/// "Báo cáo kết quả thực hiện Kế hoạch số …". Periods whose deadline has passed are not created.
/// </summary>
internal sealed class ActivateReportingAction(IServiceProvider services, ReportingScheduleStore store, DutyAudiences audiences,
    IWorkingCalendar calendar, IOptions<ReportingOptions> options, IOptions<OrganisationOptions> organisation) : IStepAction
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
            var audience = await audiences.ResolveAsync(context.Work, plan.BodyCode, duties[index], index, cancellationToken);
            if (audience.Kind == DutyAudience.Internal)
            {
                var periods = SchedulePlanner.Periods(schedule, calendar, options.Value);
                var office = DistributionReleaseParticipant.BodyName(organisation.Value, plan.BodyCode);
                var reminders = InternalDutyReminders.Queue(context.Work, plan, index, duties[index], schedule.Title, periods, audience, office, context.Now);
                created.Add(new
                {
                    dutyIndex = index, kind = audience.Kind, schedule.Title, frequency = ReportingFrequencies.ToApi(schedule.Frequency),
                    units = audience.Members.Select(m => m.Name), periods = periods.Count(p => p.Deadline > context.Now), reminders,
                });
                continue;
            }
            definition ??= services.GetRequiredService<WorkflowDefinitionCatalog>()
                .LatestOfKind(options.Value.DefinitionId, WorkflowDefinition.ReportSubmissionKind);
            var result = await store.InsertAsync(context.Work, schedule, audience.TargetJson, plan.Id, index,
                plan.BodyCode, definition, context.Actor.UserName, context.Now, cancellationToken);
            if (result is { } r)
                created.Add(new
                {
                    scheduleId = r.Id, dutyIndex = index, kind = audience.Kind, schedule.Title, frequency = ReportingFrequencies.ToApi(schedule.Frequency),
                    periods = r.Periods, asked = audience.Members.Count,
                });
        }
        if (created.Count > 0)
            context.Work.Audit(context.Now, context.Actor.UserName, "reporting.activated", context.Plan.Id, context.InstanceId, null, new { schedules = created });
    }
}
