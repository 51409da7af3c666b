using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Workflows.Audit;
using Workflows.Calendar;
using Workflows.Kernel;
using Workflows.Kernel.Plans;
using Workflows.Plans;
using Workflows.Storage;

namespace Workflows.Reporting;

/// <summary>One reporting duty of a plan as release would see it: ready, skipped, or the field to complete.</summary>
/// <param name="Index">Position in <see cref="PlanFields.ReportingDuties"/>.</param>
/// <param name="Text">The clause of the plan that states it.</param>
/// <param name="State"><c>ready</c>, <c>skipped</c> (<c>"schedule": false</c>) or <c>incomplete</c>.</param>
/// <param name="Field">For <c>incomplete</c>: the field to complete, e.g. <c>reportingDuties[0].frequency</c>.</param>
/// <param name="Message">For <c>incomplete</c>: what is missing (Vietnamese).</param>
/// <param name="Periods">For <c>ready</c>: the periods it would have (each due day in the schedule's range).</param>
internal sealed record DutyCheck(int Index, string? Text, string State, string? Field, string? Message, IReadOnlyList<PlannedPeriod>? Periods);

/// <summary>
/// A plan's reporting duties before release: checks them as <see cref="ActivateReportingAction"/> will, and lets the
/// drafter (or the clerk, once the plan is signed and waits for its number) complete one without reopening the plan.
/// </summary>
internal sealed class PlanDuties(NpgsqlDataSource dataSource, PlanStore plans, ReportingScheduleStore store, IWorkingCalendar calendar,
    IOptions<ReportingOptions> options)
{
    /// <summary>Each duty of the plan with its state at <paramref name="now"/>.</summary>
    public async Task<IReadOnlyList<DutyCheck>> CheckAsync(Guid planId, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var plan = await plans.GetAsync(planId, actor, cancellationToken);
        var duties = plan.Fields.ReportingDuties;
        var result = new List<DutyCheck>();
        await using var work = await UnitOfWork.BeginAsync(dataSource, cancellationToken);
        for (var i = 0; i < duties.Count; i++)
        {
            var duty = duties[i];
            if (!duty.IsScheduled)
            {
                result.Add(new DutyCheck(i, duty.Text, "skipped", null, null, null));
                continue;
            }
            try
            {
                var schedule = Check(plan, duty, i, now);
                await store.CheckTargetAsync(work, ScheduleInput.FromDuty(duty).Target, $"reportingDuties[{i}].", cancellationToken);
                result.Add(new DutyCheck(i, duty.Text, "ready", null, null, SchedulePlanner.Periods(schedule, calendar, options.Value)));
            }
            catch (WorkflowException e) when (e.Kind == ErrorKind.Invalid)
            {
                result.Add(new DutyCheck(i, duty.Text, "incomplete", e.Field, e.Message, null));
            }
        }
        return result;
    }

    /// <summary>
    /// Replaces duty <paramref name="index"/> with <paramref name="duty"/> (the stored duty's <c>text</c> kept) after checking it,
    /// with an audit record (read a request body with <see cref="PlanFieldsJson.ParseDuty"/>). Allowed to the plan's drafter and to clerks, while the plan is not yet released.
    /// </summary>
    /// <exception cref="WorkflowException">No plan (404), wrong person or body (403), released or rejected (409), no such duty or a bad one (422).</exception>
    public async Task CompleteAsync(Guid planId, int index, ReportingDuty duty, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var plan = await plans.GetAsync(planId, actor, cancellationToken);
        if (!(actor.IsIn(Roles.Drafter) && plan.CreatedBy == actor.UserName) && !actor.IsIn(Roles.Clerk))
            throw WorkflowException.Forbidden("Chỉ chuyên viên soạn thảo kế hoạch hoặc văn thư mới hoàn thiện được nhiệm vụ báo cáo.");
        if (plan.Status is PlanStatus.Released or PlanStatus.Rejected)
            throw WorkflowException.Conflict($"Kế hoạch đang ở trạng thái '{plan.Status}': lịch báo cáo đã lập hoặc không còn lập.");
        var duties = plan.Fields.ReportingDuties;
        if (index < 0 || index >= duties.Count) throw WorkflowException.Invalid("index", $"Kế hoạch không có nhiệm vụ báo cáo số {index}.");
        if (duties[index].Text is { } text) duty = duty with { Text = text };
        if (duty.IsScheduled)
        {
            Check(plan, duty, index, now);
            await using var check = await UnitOfWork.BeginAsync(dataSource, cancellationToken);
            await store.CheckTargetAsync(check, ScheduleInput.FromDuty(duty).Target, $"reportingDuties[{index}].", cancellationToken);
        }
        await using var work = await UnitOfWork.BeginAsync(dataSource, cancellationToken);
        if (!await PlanWrites.ReplaceDutyAsync(work, planId, plan.RowVersion, index, PlanFieldsJson.Serialize(duty), now, cancellationToken))
            throw WorkflowException.Conflict("Kế hoạch vừa thay đổi; tải lại rồi thử lại.");
        work.Audit(now, actor.UserName, "plan.reporting-duty-completed", planId, null, null, new { index, duty = PlanFieldsJson.ToElement(duty) });
        await work.CommitAsync(cancellationToken);
    }

    private CheckedSchedule Check(PlanRecord plan, ReportingDuty duty, int index, DateTimeOffset now)
    {
        var prefix = $"reportingDuties[{index}].";
        var input = ScheduleInput.FromDuty(duty);
        var year = plan.IssuedOn?.Year ?? VietnamTime.ToVietnamDate(now).Year;
        return SchedulePlanner.Check(input, prefix, year, $"Báo cáo kết quả thực hiện Kế hoạch số {plan.Symbol ?? "…"}", options.Value);
    }
}
