using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflows.Audit;
using Workflows.Calendar;
using Workflows.Definitions;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Plans;

namespace Workflows.Reporting;

/// <summary>
/// Automatic action <c>activateReporting</c>, after <c>release</c>: turns each of the plan's reporting duties
/// (<c>fields.reportingDuties</c>, as the reader found them and the drafter completed them) into a reporting schedule with
/// its periods, in the release transaction, with one audit record. A duty with <c>"schedule": false</c> is skipped;
/// one still <c>unspecified</c>, or lacking its due day, refuses the release (422 naming <c>reportingDuties[i].…</c>).
/// Defaults: the plan's year, the configured target group, the title "Báo cáo kết quả thực hiện Kế hoạch số …".
/// </summary>
internal sealed class ActivateReportingAction(IServiceProvider services, ReportingScheduleStore store, IOptions<ReportingOptions> options) : IStepAction
{
    public string Name => "activateReporting";

    public async Task ExecuteAsync(StepActionContext context, CancellationToken cancellationToken)
    {
        var plan = await PlanStore.ReadAsync(context.Work, context.Plan.Id, cancellationToken);
        using var fields = JsonDocument.Parse(plan.Fields);
        if (!fields.RootElement.TryGetProperty("reportingDuties", out var duties) || duties.ValueKind != JsonValueKind.Array || duties.GetArrayLength() == 0)
            return;
        var year = plan.IssuedOn?.Year ?? VietnamTime.ToVietnamDate(context.Now).Year;
        var defaultTitle = $"Báo cáo kết quả thực hiện Kế hoạch số {plan.Symbol}";
        WorkflowDefinition? definition = null;
        var created = new List<object>();
        var index = -1;
        foreach (var duty in duties.EnumerateArray())
        {
            index++;
            var prefix = $"reportingDuties[{index}].";
            if (duty.ValueKind != JsonValueKind.Object) throw WorkflowException.Invalid($"reportingDuties[{index}]", "Mỗi nhiệm vụ báo cáo phải là một đối tượng JSON.");
            if (duty.TryGetProperty("schedule", out var flag) && flag.ValueKind == JsonValueKind.False) continue;
            var input = Read(duty, prefix);
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

    /// <summary>Reads a duty object of the plan's fields into a schedule input; bad types refuse with the field named.</summary>
    internal static ScheduleInput Read(JsonElement duty, string prefix)
    {
        try
        {
            return new ScheduleInput
            {
                Title = Str("title"),
                Frequency = Str("frequency"),
                DueDay = Int("dueDay"),
                Months = Prop("months") is { } m ? m.EnumerateArray().Select(x => x.GetInt32()).ToList() : null,
                Year = Int("year"),
                DueDate = Date("dueDate"),
                StartsOn = Date("startsOn"),
                EndsOn = Date("endsOn"),
                OpenDaysBeforeDue = Int("openDaysBeforeDue"),
                CutOffFrom = Date("cutOffFrom"),
                CutOffTo = Date("cutOffTo"),
                Target = Prop("target") is not { } t ? null
                    : t.ValueKind == JsonValueKind.String ? new ScheduleTargetInput(Group: t.GetString())
                    : t.Deserialize<ScheduleTargetInput>(JsonSerializerOptions.Web),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException)
        {
            throw WorkflowException.Invalid(prefix.TrimEnd('.'), $"Nhiệm vụ báo cáo có giá trị sai kiểu: {e.Message}");
        }

        JsonElement? Prop(string name) => duty.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;
        string? Str(string name) => Prop(name)?.GetString();
        int? Int(string name) => Prop(name)?.GetInt32();
        DateOnly? Date(string name) => Prop(name) is { } v ? DateOnly.ParseExact(v.GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
