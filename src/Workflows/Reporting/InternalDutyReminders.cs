using System.Text;
using Workflows.Distribution;
using Workflows.Kernel.Plans;
using Workflows.Plans;
using Workflows.Storage;

namespace Workflows.Reporting;

/// <summary>
/// A duty of the office's own unit (<see cref="DutyAudience.Internal"/>, e.g. "Bộ phận thi đua, tổng hợp … trước ngày 15
/// hằng tháng … báo cáo … gửi Sở GDĐT, UBND thành phố"): at release, one reminder (nhắc việc, Nghị định 30/2020, Phụ lục
/// VI) per period that opens after the release and per member of the unit, written to the outbox in the release
/// transaction and due at the period's opening; category <c>duty-reminder</c>, de-duplicated per plan, duty, period and
/// entry. A period already open at release gets no reminder of its own (the release is the notice: the plan states the
/// duty), a period already past none at all. No schedule, no report request, no submission link: nobody outside the
/// office is asked.
/// </summary>
internal static class InternalDutyReminders
{
    /// <summary>The outbox category of these reminders.</summary>
    public const string Category = "duty-reminder";

    /// <summary>Queues the reminders of <paramref name="periods"/> (those opening after <paramref name="now"/>) on <paramref name="work"/>.</summary>
    /// <returns>The number of reminders queued.</returns>
    public static int Queue(UnitOfWork work, PlanRecord plan, int index, ReportingDuty duty, string title, IReadOnlyList<PlannedPeriod> periods,
        DutyAudience audience, string office, DateTimeOffset now)
    {
        var count = 0;
        foreach (var period in periods.Where(p => p.OpensAt > now))
            foreach (var member in audience.Members)
            {
                OutboxWriter.Enqueue(work, new OutboxMessage(Category, member.Email, member.Name,
                    $"Nhắc việc: {title} – {period.Label} (hạn {period.LastDay:dd/MM/yyyy})",
                    Body(plan, duty, title, period, member.Name, office),
                    DedupKey: $"{Category}:{plan.Id}:{index}:{period.Key}:{member.Id}", PlanId: plan.Id, EntryId: member.Id,
                    NotBefore: period.OpensAt));
                count++;
            }
        return count;
    }

    private static string Body(PlanRecord plan, ReportingDuty duty, string title, PlannedPeriod period, string unit, string office)
    {
        var b = new StringBuilder();
        b.Append("Kính gửi: ").Append(unit).Append("\n\n");
        b.Append("Theo Kế hoạch số ").Append(plan.Symbol).Append(" của ").Append(office).Append(", đơn vị có nhiệm vụ: ");
        b.Append(duty.Text?.Trim() ?? title).Append("\n\n");
        b.Append("Kỳ: ").Append(period.Label).Append("; số liệu từ ngày ").Append(period.CutOffFrom.ToString("dd/MM/yyyy"))
            .Append(" đến ngày ").Append(period.CutOffTo.ToString("dd/MM/yyyy")).Append(".\n");
        b.Append("Hạn: hết ngày ").Append(period.LastDay.ToString("dd/MM/yyyy")).Append('.');
        if (!string.IsNullOrWhiteSpace(duty.Recipient)) b.Append(" Gửi đến: ").Append(duty.Recipient.Trim()).Append('.');
        b.Append("\n\nĐây là thư nhắc việc nội bộ của cơ quan; các trường không nhận yêu cầu nào cho nhiệm vụ này.\n");
        return b.ToString();
    }
}
