using System.Globalization;
using System.Text;

namespace Workflows.Reporting;

/// <summary>The Vietnamese texts of report requests, reminders, overdue notices and the leaders' summary.</summary>
internal static class ReportingMessages
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>What every message of a period says about it.</summary>
    internal sealed record PeriodText(string Office, string Title, string? PlanSymbol, string Label, DateOnly CutOffFrom, DateOnly CutOffTo,
        DateOnly LastDay, DateOnly ClosesOn);

    public static string RequestSubject(PeriodText p) => $"Đề nghị gửi báo cáo: {p.Title} – {p.Label}";

    public static string RequestBody(PeriodText p, string school, string link)
    {
        var b = new StringBuilder();
        b.Append("Kính gửi: ").Append(school).Append("\n\n");
        b.Append(p.Office).Append(" đề nghị đơn vị gửi báo cáo \"").Append(p.Title).Append('"');
        if (p.PlanSymbol is not null) b.Append(" theo Kế hoạch số ").Append(p.PlanSymbol);
        b.Append(".\n\n");
        Facts(b, p);
        b.Append("\nĐơn vị nộp báo cáo (tệp .docx, .xlsx, .pdf hoặc .zip) tại đường dẫn riêng sau, không cần tài khoản:\n");
        b.Append(link).Append("\n\n");
        b.Append("Đường dẫn chỉ dùng cho đơn vị, đề nghị không chuyển cho người khác. Báo cáo gửi sau hạn vẫn được nhận và ghi là nộp muộn; ");
        b.Append("đường dẫn hết hiệu lực sau ngày ").Append(D(p.ClosesOn)).Append(".\n");
        return b.ToString();
    }

    public static string ReminderSubject(PeriodText p, int workingDaysLeft) =>
        workingDaysLeft <= 0
            ? $"Nhắc hạn: hôm nay là hạn gửi báo cáo {p.Title} – {p.Label}"
            : $"Nhắc hạn: còn {workingDaysLeft} ngày làm việc để gửi báo cáo {p.Title} – {p.Label}";

    /// <summary>Body with the placeholder <c>{school}</c>, replaced per school in SQL.</summary>
    public static string ReminderBody(PeriodText p)
    {
        var b = new StringBuilder("Kính gửi: {school}\n\n");
        b.Append(p.Office).Append(" chưa nhận được báo cáo \"").Append(p.Title).Append("\" kỳ ").Append(p.Label).Append(" của đơn vị.\n\n");
        Facts(b, p);
        b.Append("\nĐề nghị đơn vị gửi báo cáo đúng hạn qua đường dẫn riêng trong thư đề nghị gửi báo cáo. Nếu đơn vị đã gửi, xin bỏ qua thư này.\n");
        return b.ToString();
    }

    public static string OverdueSubject(PeriodText p) => $"Quá hạn gửi báo cáo: {p.Title} – {p.Label}";

    /// <summary>Body with the placeholder <c>{school}</c>.</summary>
    public static string OverdueBody(PeriodText p)
    {
        var b = new StringBuilder("Kính gửi: {school}\n\n");
        b.Append("Đến hết ngày ").Append(D(p.LastDay)).Append(", ").Append(p.Office).Append(" chưa nhận được báo cáo \"").Append(p.Title)
            .Append("\" kỳ ").Append(p.Label).Append(" của đơn vị. Báo cáo đã quá hạn.\n\n");
        Facts(b, p);
        b.Append("\nĐề nghị đơn vị gửi ngay qua đường dẫn riêng trong thư đề nghị gửi báo cáo; báo cáo sẽ được ghi là nộp muộn. ");
        b.Append("Đường dẫn hết hiệu lực sau ngày ").Append(D(p.ClosesOn)).Append(".\n");
        return b.ToString();
    }

    public static string SummarySubject(PeriodText p, int overdue) => $"Tổng hợp: {overdue} đơn vị quá hạn báo cáo {p.Title} – {p.Label}";

    public static string SummaryBody(PeriodText p, string leader, IReadOnlyList<string> overdueSchools, int requested)
    {
        var b = new StringBuilder();
        b.Append("Kính gửi: ").Append(leader).Append("\n\n");
        b.Append("Báo cáo \"").Append(p.Title).Append("\" kỳ ").Append(p.Label);
        if (p.PlanSymbol is not null) b.Append(" (Kế hoạch số ").Append(p.PlanSymbol).Append(')');
        b.Append(", hạn gửi hết ngày ").Append(D(p.LastDay)).Append(": ")
            .Append(overdueSchools.Count.ToString(Vi)).Append('/').Append(requested.ToString(Vi)).Append(" đơn vị chưa gửi.\n\n");
        b.Append("Danh sách đơn vị quá hạn:\n");
        for (var i = 0; i < overdueSchools.Count; i++) b.Append(i + 1).Append(". ").Append(overdueSchools[i]).Append('\n');
        b.Append("\nCác đơn vị đã nhận thông báo quá hạn; báo cáo nộp muộn vẫn được nhận đến hết ngày ").Append(D(p.ClosesOn)).Append(".\n");
        return b.ToString();
    }

    private static void Facts(StringBuilder b, PeriodText p)
    {
        b.Append("- Báo cáo: ").Append(p.Title).Append('\n');
        if (p.PlanSymbol is not null) b.Append("- Theo Kế hoạch số: ").Append(p.PlanSymbol).Append('\n');
        b.Append("- Kỳ báo cáo: ").Append(p.Label).Append('\n');
        b.Append("- Thời gian chốt số liệu: từ ngày ").Append(D(p.CutOffFrom)).Append(" đến ngày ").Append(D(p.CutOffTo))
            .Append(" (Nghị định 09/2019/NĐ-CP, Điều 12)\n");
        b.Append("- Hạn gửi: trước 24 giờ 00 ngày ").Append(D(p.LastDay)).Append(" (").Append(Weekday(p.LastDay)).Append(")\n");
    }

    /// <summary>The subject of the notice to a school whose open request's deadline moved.</summary>
    public static string DeadlineMovedSubject(string title, string label) => $"Thay đổi hạn gửi báo cáo: {title} – {label}";

    /// <summary>
    /// The notice's body after "Kính gửi {school},": the report, the period, the former and the new last day; the school uses
    /// the personal link of its request email (the link itself is not stored, only its hash).
    /// </summary>
    public static string DeadlineMovedBody(string title, string label, DateOnly formerLastDay, DateOnly lastDay) =>
        $",\n\nHạn gửi báo cáo \"{title}\" kỳ {label} được đổi từ hết ngày {D(formerLastDay)} thành hết ngày {D(lastDay)}.\n" +
        "Đề nghị đơn vị gửi báo cáo qua đường dẫn riêng trong thư đề nghị gửi báo cáo đã nhận. Nếu đơn vị đã gửi, xin bỏ qua thư này.\n";

    private static string D(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Weekday(DateOnly d) => d.DayOfWeek switch
    {
        DayOfWeek.Monday => "thứ Hai",
        DayOfWeek.Tuesday => "thứ Ba",
        DayOfWeek.Wednesday => "thứ Tư",
        DayOfWeek.Thursday => "thứ Năm",
        DayOfWeek.Friday => "thứ Sáu",
        DayOfWeek.Saturday => "thứ Bảy",
        _ => "Chủ nhật",
    };
}
