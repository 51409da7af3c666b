using Workflows.Calendar;
using Workflows.Kernel;
using Workflows.Reporting.Periods;
using Workflows.Kernel.Plans;

namespace Workflows.Reporting;

/// <summary>A checked schedule: frequency, rule, date range and title.</summary>
internal sealed record CheckedSchedule(string Title, ReportingFrequency Frequency, ScheduleRule Rule, DateOnly StartsOn, DateOnly EndsOn);

/// <summary>
/// Checks a schedule and computes its periods. Per period: the due day from the rule; the data cut-off, the latest
/// Nghị định 09/2019 (Điều 12) period that ended before the due day; the deadline, 24:00 Vietnam time of the due day
/// moved to the next working day (Bộ luật Dân sự 2015, Điều 148); the opening, <c>OpenDaysBeforeDue</c> calendar days
/// before the due day at <see cref="ReportingOptions.OpeningTime"/>; the closing, 24:00 of the deadline's last day plus
/// <see cref="ReportingOptions.CloseDaysAfterDeadline"/> days (links expire, late submissions end).
/// </summary>
internal static class SchedulePlanner
{
    /// <summary>Checks <paramref name="input"/>; <paramref name="fieldPrefix"/> (e.g. <c>reportingDuties[0].</c>) prefixes error fields.</summary>
    /// <exception cref="WorkflowException">Invalid input (422) naming the field.</exception>
    public static CheckedSchedule Check(ScheduleInput input, string fieldPrefix, int defaultYear, string defaultTitle, ReportingOptions options)
    {
        var title = string.IsNullOrWhiteSpace(input.Title) ? defaultTitle : input.Title.Trim();
        if (string.IsNullOrWhiteSpace(title)) throw Invalid("title", "Cần đặt tên báo cáo.");
        if (title.Length > 300) throw Invalid("title", "Tên báo cáo dài quá 300 ký tự.");
        var frequency = ReportingFrequencies.Parse(input.Frequency)
            ?? throw Invalid("frequency", $"Tần suất phải là {ReportingFrequencies.ScheduledLabels()} ({string.Join(", ", ReportingFrequencies.Scheduled.Select(ReportingFrequencies.ToApi))}).");
        if (frequency == ReportingFrequency.Unspecified)
            throw Invalid("frequency", $"Nhiệm vụ báo cáo \"định kỳ\" chưa có tần suất và hạn gửi: chọn tần suất ({ReportingFrequencies.ScheduledLabels()}) và ngày hạn trước khi phát hành.");
        var openDays = input.OpenDaysBeforeDue ?? options.OpenDaysBeforeDue;
        if (openDays is < 1 or > 90) throw Invalid("openDaysBeforeDue", "Số ngày mở kỳ trước hạn phải từ 1 đến 90.");

        IReadOnlyList<int> months;
        DateOnly? dueDate = null;
        int? dueDay = input.DueDay;
        if (frequency == ReportingFrequency.Once)
        {
            dueDate = input.DueDate;
            if (dueDate is null && dueDay is not null && input.Months is [var m])
                dueDate = SafeDate(input.Year ?? defaultYear, m, dueDay.Value);
            if (dueDate is null) throw Invalid("dueDate", "Báo cáo một lần cần ngày hạn gửi (dueDate).");
            months = [dueDate.Value.Month];
            dueDay = null;
        }
        else
        {
            if (dueDay is null) throw Invalid("dueDay", "Cần ngày hạn gửi trong tháng (dueDay, 1–31).");
            if (dueDay is < 1 or > 31) throw Invalid("dueDay", "Ngày hạn gửi phải từ 1 đến 31.");
            months = frequency switch
            {
                ReportingFrequency.Monthly => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
                ReportingFrequency.Quarterly => input.Months ?? [3, 6, 9, 12],
                ReportingFrequency.HalfYearly => input.Months ?? [6, 12],
                _ => input.Months ?? [12],
            };
            var most = frequency switch { ReportingFrequency.Monthly => 12, ReportingFrequency.Quarterly => 4, ReportingFrequency.HalfYearly => 2, _ => 1 };
            if (months.Count == 0 || months.Count > most || months.Any(m => m is < 1 or > 12) || months.Distinct().Count() != months.Count)
                throw Invalid("months", $"Tần suất “{ReportingFrequencies.Label(frequency)}” cần từ 1 đến {most} tháng khác nhau (1–12).");
            months = months.Order().ToList();
        }

        var year = dueDate?.Year ?? input.Year ?? defaultYear;
        var startsOn = input.StartsOn ?? new DateOnly(year, 1, 1);
        var endsOn = input.EndsOn ?? new DateOnly(year, 12, 31);
        if (dueDate is { } d && input.StartsOn is null && d < startsOn) startsOn = d;
        if (dueDate is { } e && input.EndsOn is null && e > endsOn) endsOn = e;
        if (endsOn < startsOn) throw Invalid("endsOn", "Ngày kết thúc phải sau ngày bắt đầu.");
        if (endsOn.DayNumber - startsOn.DayNumber > 366 * 5) throw Invalid("endsOn", "Một lịch báo cáo dài tối đa 5 năm.");
        if (dueDate is { } f && (f < startsOn || f > endsOn)) throw Invalid("dueDate", "Ngày hạn gửi nằm ngoài thời gian của lịch báo cáo.");
        if (input.CutOffFrom is { } cf && input.CutOffTo is { } ct && ct < cf) throw Invalid("cutOffTo", "Ngày chốt số liệu cuối phải sau ngày đầu.");

        var rule = new ScheduleRule(dueDay, months, dueDate, openDays, input.CutOffFrom, input.CutOffTo);
        var checkedSchedule = new CheckedSchedule(title, frequency, rule, startsOn, endsOn);
        return checkedSchedule;

        WorkflowException Invalid(string field, string message) => WorkflowException.Invalid(fieldPrefix + field, message);
    }

    /// <summary>The periods of a checked schedule, in due-date order.</summary>
    public static IReadOnlyList<PlannedPeriod> Periods(CheckedSchedule schedule, IWorkingCalendar calendar, ReportingOptions options)
    {
        var rule = schedule.Rule;
        var dues = new List<DateOnly>();
        if (rule.DueDate is { } once)
        {
            dues.Add(once);
        }
        else
        {
            for (var year = schedule.StartsOn.Year; year <= schedule.EndsOn.Year; year++)
                foreach (var month in rule.Months)
                {
                    var due = SafeDate(year, month, rule.DueDay!.Value);
                    if (due >= schedule.StartsOn && due <= schedule.EndsOn) dues.Add(due);
                }
        }
        var periods = new List<PlannedPeriod>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var due in dues.Order())
        {
            string key, label;
            DateOnly from, to;
            if (schedule.Frequency == ReportingFrequency.Once)
            {
                from = rule.CutOffFrom ?? schedule.StartsOn;
                to = rule.CutOffTo ?? due.AddDays(-1);
                if (to < from) to = from;
                key = due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                label = $"Báo cáo hạn {due:dd/MM/yyyy}";
            }
            else
            {
                var cut = CutOffPeriod.LatestEndedBefore(schedule.Frequency, due);
                (from, to) = (cut.From, cut.To);
                (key, label) = schedule.Frequency switch
                {
                    ReportingFrequency.Monthly => ($"{cut.Year}-{cut.Number:00}", $"Tháng {cut.Number}/{cut.Year}"),
                    ReportingFrequency.Quarterly => ($"{cut.Year}-Q{cut.Number}", $"Quý {Roman(cut.Number)}/{cut.Year}"),
                    ReportingFrequency.HalfYearly => ($"{cut.Year}-H{cut.Number}", cut.Number == 1 ? $"6 tháng đầu năm {cut.Year}" : $"6 tháng cuối năm {cut.Year}"),
                    _ => ($"{cut.Year}", $"Năm {cut.Year}"),
                };
            }
            if (!keys.Add(key))
            {
                key += "@" + due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                keys.Add(key);
            }
            var lastDay = calendar.LastDay(due);
            var opensAt = VietnamTime.StartOfDay(due.AddDays(-rule.OpenDaysBeforeDue)) + options.OpeningTime.ToTimeSpan();
            periods.Add(new PlannedPeriod(key, label, opensAt, from, to, due, lastDay, calendar.EndOfDeadline(due),
                VietnamTime.EndOfDay(lastDay.AddDays(options.CloseDaysAfterDeadline))));
        }
        return periods;
    }

    /// <summary>
    /// When a notify step of a period runs (UTC): the opening for <c>at: opening</c>; otherwise the step's time
    /// (Vietnam) of the working day <c>workingDays</c> away from the deadline's last day.
    /// </summary>
    public static DateTimeOffset StepTime(Definitions.NotifyStep step, DateTimeOffset opensAt, DateOnly lastDay, IWorkingCalendar calendar) =>
        step.At == "opening"
            ? opensAt
            : VietnamTime.StartOfDay(calendar.AddWorkingDays(lastDay, step.WorkingDays)) + step.Time.ToTimeSpan();

    /// <summary>
    /// Every notify step of <paramref name="definition"/> for the period <paramref name="periodId"/>, each at its
    /// instant (UTC) as <see cref="StepTime"/> gives it, in the definition's order: what the scheduler gets one delayed
    /// job for. <paramref name="dueOn"/> is the due day as the rule gives it (moved here by Điều 148).
    /// </summary>
    public static IReadOnlyList<Steps.PeriodStep> PeriodSteps(Guid periodId, Definitions.WorkflowDefinition definition, DateTimeOffset opensAt,
        DateOnly dueOn, IWorkingCalendar calendar)
    {
        var lastDay = calendar.LastDay(dueOn);
        return definition.NotifySteps.Select(s => new Steps.PeriodStep(periodId, s.Id, StepTime(s.Notify!, opensAt, lastDay, calendar))).ToList();
    }

    private static DateOnly SafeDate(int year, int month, int day) => new(year, month, Math.Min(day, DateTime.DaysInMonth(year, month)));

    private static string Roman(int n) => n switch { 1 => "I", 2 => "II", 3 => "III", _ => "IV" };
}
