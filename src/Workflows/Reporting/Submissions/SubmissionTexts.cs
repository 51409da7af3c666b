using System.Globalization;
using System.Text;
using Workflows.Kernel;

namespace Workflows.Reporting.Submissions;

/// <summary>Vietnamese wording of the submission side: dates in Vietnam time, sizes, the receipt and the reissued link emails.</summary>
internal static class SubmissionTexts
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary><c>dd/MM/yyyy</c>.</summary>
    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary><c>dd/MM/yyyy HH:mm</c> in Vietnam time.</summary>
    public static string Time(DateTimeOffset instant) => VietnamTime.ToVietnamTime(instant).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// A deadline as people say it: "hết ngày 16/03/2026" when it falls at midnight (end of the due day), otherwise
    /// "17:00 ngày 16/03/2026" (Vietnam time).
    /// </summary>
    public static string Deadline(DateTimeOffset instant)
    {
        var local = VietnamTime.ToVietnamTime(instant);
        return local.TimeOfDay == TimeSpan.Zero
            ? "hết ngày " + Date(DateOnly.FromDateTime(local.DateTime.AddDays(-1)))
            : local.ToString("HH:mm", CultureInfo.InvariantCulture) + " ngày " + Date(DateOnly.FromDateTime(local.DateTime));
    }

    /// <summary>"1,5 MB", "320 KB", "12 byte".</summary>
    public static string Size(long bytes) => Kernel.FileSizes.Format(bytes);

    /// <summary>The receipt's subject: "Biên nhận báo cáo: {title} – {period}".</summary>
    public static string ReceiptSubject(RequestView request) => $"Biên nhận báo cáo: {request.Title} – {request.PeriodLabel}";

    /// <summary>The receipt's body: the files, the time received (Vietnam time) and whether on time or late.</summary>
    public static string ReceiptBody(RequestView request, SubmissionReceipt receipt, IReadOnlyList<SubmittedFileView> files, string? note)
    {
        var text = new StringBuilder();
        text.AppendLine($"Kính gửi {request.SchoolName},").AppendLine();
        text.AppendLine($"Hệ thống đã nhận báo cáo “{request.Title}”, kỳ {request.PeriodLabel}" +
            (request.PlanSymbol is null ? "." : $" (theo Kế hoạch số {request.PlanSymbol})."));
        text.AppendLine();
        text.AppendLine($"Lần nộp: {receipt.Version}");
        text.AppendLine($"Thời điểm nhận: {Time(receipt.SubmittedAt)} (giờ Việt Nam)");
        text.AppendLine($"Hạn nộp: {Deadline(request.Deadline)}");
        text.AppendLine("Tình trạng: " + (receipt.Late ? "Nộp muộn (sau hạn nộp)" : "Đúng hạn"));
        text.AppendLine("Tệp đã nhận:");
        foreach (var file in files) text.AppendLine($"  - {file.FileName} ({Size(file.SizeBytes)}; SHA-256 {file.Sha256})");
        if (!string.IsNullOrWhiteSpace(note)) text.AppendLine($"Ghi chú của trường: {note}");
        text.AppendLine();
        text.AppendLine($"Trường có thể nộp lại bản cập nhật qua đường dẫn trong thư yêu cầu đến {Deadline(request.ClosesAt)}; mọi lần nộp đều được lưu.");
        text.AppendLine("Thư này được gửi tự động, vui lòng không trả lời.");
        return text.ToString();
    }

    /// <summary>The subject of the email carrying a reissued link.</summary>
    public static string ReissueSubject(RequestView request) => $"Đường dẫn mới để nộp báo cáo: {request.Title} – {request.PeriodLabel}";

    /// <summary>The body of the email carrying a reissued link (a secret: sent with redaction after sending).</summary>
    public static string ReissueBody(RequestView request, string link)
    {
        var text = new StringBuilder();
        text.AppendLine($"Kính gửi {request.SchoolName},").AppendLine();
        text.AppendLine($"Đường dẫn nộp báo cáo “{request.Title}”, kỳ {request.PeriodLabel}" +
            (request.PlanSymbol is null ? "" : $" (theo Kế hoạch số {request.PlanSymbol})") + ", đã được cấp lại. Đường dẫn cũ không còn dùng được.");
        text.AppendLine();
        text.AppendLine($"Số liệu tính từ ngày {Date(request.CutOffFrom)} đến ngày {Date(request.CutOffTo)}.");
        text.AppendLine($"Hạn nộp: {Deadline(request.Deadline)}.");
        text.AppendLine();
        text.AppendLine("Nộp báo cáo tại (không cần tài khoản; không chuyển tiếp thư này):");
        text.AppendLine(link);
        text.AppendLine();
        text.AppendLine("Thư này được gửi tự động, vui lòng không trả lời.");
        return text.ToString();
    }
}
