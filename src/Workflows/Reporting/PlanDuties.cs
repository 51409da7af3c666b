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

/// <summary>
/// One reporting duty of a plan as release would see it: ready, skipped, or the field to complete; for a ready duty,
/// who will be asked (<see cref="DutyAudiences"/>), how often, and which of its periods will be created.
/// </summary>
/// <param name="Index">Position in <see cref="PlanFields.ReportingDuties"/>.</param>
/// <param name="Text">The clause of the plan that states it.</param>
/// <param name="State"><c>ready</c>, <c>skipped</c> (<c>"schedule": false</c>) or <c>incomplete</c>.</param>
/// <param name="Field">For <c>incomplete</c>: the field to complete, e.g. <c>reportingDuties[0].frequency</c> or <c>reportingDuties[0].reporter</c>.</param>
/// <param name="Message">For <c>incomplete</c>: what is missing (Vietnamese, naming the duty).</param>
/// <param name="Periods">For <c>ready</c>: every period of its range, past ones included (see <see cref="PastPeriods"/>).</param>
internal sealed record DutyCheck(int Index, string? Text, string State, string? Field, string? Message, IReadOnlyList<PlannedPeriod>? Periods)
{
    /// <summary>The reporter as written in the plan.</summary>
    public string? Reporter { get; init; }

    /// <summary>For <c>ready</c>: <c>monthly</c>, <c>quarterly</c>, <c>half-yearly</c>, <c>yearly</c> or <c>once</c>.</summary>
    public string? Frequency { get; init; }

    /// <summary>For <c>ready</c>: <see cref="DutyAudience.Requests"/> (report requests) or <see cref="DutyAudience.Internal"/> (reminders to the office's own unit).</summary>
    public string? Audience { get; init; }

    /// <summary>For <c>ready</c>: the names of those who will be asked (or reminded), by name.</summary>
    public IReadOnlyList<string> Asked { get; init; } = [];

    /// <summary>For <c>ready</c>: the periods whose deadline has already passed: release will not create them.</summary>
    public IReadOnlyList<PlannedPeriod> PastPeriods { get; init; } = [];
}

/// <summary>
/// A plan's reporting duties before release: checks them as <see cref="ActivateReportingAction"/> will, and lets the
/// drafter (or the clerk, once the plan is signed and waits for its number) complete one without reopening the plan.
/// </summary>
internal sealed class PlanDuties(NpgsqlDataSource dataSource, PlanStore plans, DutyAudiences audiences,
    IWorkingCalendar calendar, IOptions<ReportingOptions> options)
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
                var audience = await audiences.ResolveAsync(work, plan.BodyCode, duty, i, cancellationToken);
                var periods = SchedulePlanner.Periods(schedule, calendar, options.Value);
                result.Add(new DutyCheck(i, duty.Text, "ready", null, null, periods)
                {
                    Reporter = duty.Reporter,
                    Frequency = ReportingFrequencies.ToApi(schedule.Frequency),
                    Audience = audience.Kind,
                    Asked = audience.Members.Select(m => m.Name).ToList(),
                    PastPeriods = periods.Where(p => p.Deadline <= now).ToList(),
                });
            }
            catch (WorkflowException e) when (e.Kind == ErrorKind.Invalid)
            {
                result.Add(new DutyCheck(i, duty.Text, "incomplete", e.Field, e.Message, null) { Reporter = duty.Reporter });
            }
        }
        return result;
    }

    /// <summary>
    /// Replaces duty <paramref name="index"/> with <paramref name="duty"/> (the stored duty's <c>text</c> kept, and its
    /// <c>reporter</c> and <c>recipient</c> unless <paramref name="duty"/> names them) after checking it,
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
        // Who reports and to whom stay as the plan states them unless the body names them: a duty completed with a frequency only keeps its reporter.
        duty = duty with { Reporter = duty.Reporter ?? duties[index].Reporter, Recipient = duty.Recipient ?? duties[index].Recipient };
        if (duty.IsScheduled)
        {
            Check(plan, duty, index, now);
            // An explicit target is checked now; a reporter the directory cannot resolve stays visible on the panel and refuses the release.
            if (duty.Target is not null)
            {
                await using var check = await UnitOfWork.BeginAsync(dataSource, cancellationToken);
                await audiences.ResolveAsync(check, plan.BodyCode, duty, index, cancellationToken);
            }
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
