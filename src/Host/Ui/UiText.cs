using Workflows.Kernel;

namespace Workflows.Host.Ui;

/// <summary>Vietnamese words and date formats of the UI (dates as dd/MM/yyyy in Vietnam time, UTC+7).</summary>
internal static class UiText
{
    /// <summary>Vietnamese number formats: "9.950" for thousands, "1,2" for decimals.</summary>
    public static readonly System.Globalization.CultureInfo Culture = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>A file size the same way on every page: "972 byte", "12,3 KB", "1,2 MB" (1 KB = 1,024 bytes).</summary>
    public static string Size(long bytes) => FileSizes.Format(bytes);

    /// <summary>The Vietnam date of an instant, as dd/MM/yyyy.</summary>
    public static string Date(DateTimeOffset instant) => VietnamTime.ToVietnamTime(instant).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A civil date as dd/MM/yyyy.</summary>
    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An instant in Vietnam time as dd/MM/yyyy HH:mm.</summary>
    public static string DateTime(DateTimeOffset instant) => VietnamTime.ToVietnamTime(instant).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The last day allowed by a due instant: tasks are due at 24:00 Vietnam time of their last working day, so the
    /// day shown is the Vietnam date of the instant just before.
    /// </summary>
    public static string DueDate(DateTimeOffset dueAt) => Date(dueAt.AddTicks(-1));

    /// <summary>How long past its due instant <paramref name="dueAt"/> is at <paramref name="now"/>, in Vietnam calendar days ("3 ngày"; at least "1 ngày").</summary>
    public static string OverdueDays(DateTimeOffset dueAt, DateTimeOffset now) =>
        $"{Math.Max(1, VietnamTime.ToVietnamDate(now).DayNumber - VietnamTime.ToVietnamDate(dueAt.AddTicks(-1)).DayNumber)} ngày";

    /// <summary>A plan status in words.</summary>
    public static string Status(string status) => status switch
    {
        "draft" => "Đang soạn thảo",
        "in-review" => "Chờ kiểm tra",
        "in-consultation" => "Đang lấy ý kiến các đơn vị",
        "in-deputy-review" => "Chờ lãnh đạo phụ trách duyệt",
        "awaiting-signature" => "Chờ ký ban hành",
        "signed" => "Đã ký, chờ cấp số",
        "issued" => "Đã cấp số",
        "released" => "Đã phát hành",
        "recalled" => "Đã thu hồi",
        "returned" => "Bị trả lại, chờ chỉnh sửa",
        "rejected" => "Không ban hành",
        _ => status,
    };

    /// <summary>A delivery state in words.</summary>
    public static string Delivery(string status) => status switch
    {
        "queued" => "Chờ gửi",
        "sending" => "Đang gửi",
        "sent" => "Đã gửi",
        "retrying" => "Gửi lỗi, sẽ thử lại",
        "failed" => "Gửi thất bại",
        "withdrawn" => "Đã rút lại (thu hồi)",
        _ => status,
    };

    /// <summary>A Nơi nhận resolution state in words.</summary>
    public static string Resolution(string state) => state switch
    {
        "resolved" => "Đã xác định",
        "unresolved" => "Chưa xác định — cần chọn",
        "ambiguous" => "Nhiều khả năng — cần chọn",
        "archive" => "Lưu văn thư (không gửi)",
        _ => state,
    };

    /// <summary>A directory entry kind in words.</summary>
    public static string Kind(string kind) => kind switch
    {
        "body" => "Cơ quan",
        "school" => "Trường học",
        "person" => "Cá nhân",
        "unit" => "Đơn vị, tổ",
        "group" => "Nhóm",
        _ => kind,
    };

    /// <summary>Vietnamese weekday name.</summary>
    public static string Weekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Monday => "Thứ Hai",
        DayOfWeek.Tuesday => "Thứ Ba",
        DayOfWeek.Wednesday => "Thứ Tư",
        DayOfWeek.Thursday => "Thứ Năm",
        DayOfWeek.Friday => "Thứ Sáu",
        DayOfWeek.Saturday => "Thứ Bảy",
        _ => "Chủ nhật",
    };
}
